using System.Globalization;
using IncidentBot.Storage.Embedded;
using Microsoft.Data.Sqlite;

namespace IncidentBot.Tests.Storage;

/// <summary>The per-connection settings are set once per SQLite connection and are still there each time the pool hands it out again.</summary>
public sealed class SqliteConnectionSettingsTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("incidentbot-settings-").FullName;

    [Fact]
    public async Task A_pooled_connection_keeps_its_settings_a_new_one_gets_them_and_another_timeout_is_applied()
    {
        var connectionString = new SqliteConnectionStringBuilder { DataSource = Path.Combine(_directory, "bot.db"), Pooling = true }.ToString();
        await using var connection = new SqliteConnection(connectionString);
        await connection.OpenAsync();
        Assert.NotEqual(SqliteSchema.WriterCheckpointPages, await ScalarAsync(connection, "PRAGMA wal_autocheckpoint;"));

        await SqliteSchema.ConfigureConnectionAsync(connection, TimeSpan.FromSeconds(7), CancellationToken.None);
        var first = connection.Handle;
        await AssertSettingsAsync(connection, busyTimeoutMs: 7_000);

        // Back to the pool and out again: the same SQLite connection, its settings kept, nothing run again.
        await connection.CloseAsync();
        await connection.OpenAsync();
        Assert.Same(first, connection.Handle);
        await SqliteSchema.ConfigureConnectionAsync(connection, TimeSpan.FromSeconds(7), CancellationToken.None);
        await AssertSettingsAsync(connection, busyTimeoutMs: 7_000);

        // Another busy timeout on the same connection is applied.
        await SqliteSchema.ConfigureConnectionAsync(connection, TimeSpan.FromSeconds(3), CancellationToken.None);
        await AssertSettingsAsync(connection, busyTimeoutMs: 3_000);

        // A connection the pool opens afresh has none of them until configured.
        await connection.CloseAsync();
        SqliteConnection.ClearPool(connection);
        await connection.OpenAsync();
        Assert.NotSame(first, connection.Handle);
        Assert.NotEqual(SqliteSchema.WriterCheckpointPages, await ScalarAsync(connection, "PRAGMA wal_autocheckpoint;"));
        await SqliteSchema.ConfigureConnectionAsync(connection, TimeSpan.FromSeconds(3), CancellationToken.None);
        await AssertSettingsAsync(connection, busyTimeoutMs: 3_000);
    }

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        Directory.Delete(_directory, recursive: true);
    }

    private static async Task AssertSettingsAsync(SqliteConnection connection, long busyTimeoutMs)
    {
        Assert.Equal(1, await ScalarAsync(connection, "PRAGMA synchronous;")); // NORMAL
        Assert.Equal(busyTimeoutMs, await ScalarAsync(connection, "PRAGMA busy_timeout;"));
        Assert.Equal(SqliteSchema.WriterCheckpointPages, await ScalarAsync(connection, "PRAGMA wal_autocheckpoint;"));
    }

    private static async Task<long> ScalarAsync(SqliteConnection connection, string sql)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        return Convert.ToInt64(await command.ExecuteScalarAsync(), CultureInfo.InvariantCulture);
    }
}
