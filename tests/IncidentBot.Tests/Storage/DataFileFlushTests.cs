using IncidentBot.Storage.Embedded;
using Microsoft.Data.Sqlite;

namespace IncidentBot.Tests.Storage;

public sealed class DataFileFlushTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("incidentbot-flush-").FullName;

    private string DatabasePath => Path.Combine(_folder, "store.db");

    [Fact]
    public async Task An_open_connection_syncs_its_file_through_SQLite_s_own_handle()
    {
        await using var connection = await OpenWithRowsAsync();

        Assert.True(DataFileFlush.TryFlush(connection));
        Assert.Equal(3L, await ScalarAsync(connection, "SELECT count(*) FROM notes"));
    }

    [Fact]
    public void A_connection_that_is_not_open_is_not_synced()
    {
        using var connection = new SqliteConnection($"Data Source={DatabasePath};Pooling=False");

        Assert.False(DataFileFlush.TryFlush(connection));
    }

    // Linux: the process's descriptors are counted in /proc/self/fd (elsewhere the test only syncs).
    [Fact]
    public async Task A_sync_opens_and_closes_no_descriptor_of_its_own_so_SQLite_s_locks_stay()
    {
        await using var connection = await OpenWithRowsAsync();
        var before = DescriptorsOf(DatabasePath);

        for (var i = 0; i < 3; i++)
            Assert.True(DataFileFlush.TryFlush(connection));

        Assert.Equal(before, DescriptorsOf(DatabasePath));
        Assert.Equal(OperatingSystem.IsLinux(), before.Count > 0);
    }

    private async Task<SqliteConnection> OpenWithRowsAsync()
    {
        var connection = new SqliteConnection($"Data Source={DatabasePath};Pooling=False");
        await connection.OpenAsync(CancellationToken.None);
        await ScalarAsync(connection, "PRAGMA journal_mode = WAL; CREATE TABLE notes (text TEXT); INSERT INTO notes VALUES ('a'), ('b'), ('c');");
        return connection;
    }

    private static async Task<object?> ScalarAsync(SqliteConnection connection, string sql)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        return await command.ExecuteScalarAsync(CancellationToken.None);
    }

    /// <summary>The descriptor numbers this process has open on <paramref name="path"/>.</summary>
    private static List<string> DescriptorsOf(string path)
    {
        if (!OperatingSystem.IsLinux())
            return [];
        var open = new List<string>();
        foreach (var link in new DirectoryInfo("/proc/self/fd").EnumerateFileSystemInfos())
        {
            try
            {
                if (link.LinkTarget == path)
                    open.Add(link.Name);
            }
            catch (IOException)
            {
                // Closed by another test meanwhile: not this file's.
            }
        }
        return [.. open.Order(StringComparer.Ordinal)];
    }

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        Directory.Delete(_folder, recursive: true);
    }
}
