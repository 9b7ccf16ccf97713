using System.Text.Json;
using IncidentBot.Dialogs.Incidents;
using IncidentBot.Dialogs.Storage;
using Microsoft.Data.Sqlite;

namespace IncidentBot.Storage.Spool;

/// <summary>
/// Declarations the store could not take, in a small SQLite file on local disk (not in the job
/// storage, which an in-memory Hangfire loses on restart). One row per delivery key, written
/// with a full sync, so what the person was told is kept survives a crash.
/// </summary>
public sealed class SqliteDeclarationSpool : IDeclarationSpool, IDisposable
{
    private const string CreateSql = """
        CREATE TABLE IF NOT EXISTS pending_declares (
            delivery_key TEXT NOT NULL PRIMARY KEY,
            workspace_id TEXT NOT NULL,
            declared_at  INTEGER NOT NULL,
            body         TEXT NOT NULL
        );
        """;

    private readonly string _connectionString;
    private readonly SemaphoreSlim _createGate = new(1, 1);
    private volatile bool _isCreated;

    public SqliteDeclarationSpool(string path)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        Path = System.IO.Path.GetFullPath(path);
        _connectionString = new SqliteConnectionStringBuilder
        {
            DataSource = Path,
            Mode = SqliteOpenMode.ReadWriteCreate,
            Pooling = true,
            DefaultTimeout = 5,
        }.ToString();
    }

    public string Path { get; }

    public async Task SaveAsync(PendingDeclaration declaration, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(declaration);
        await using var connection = await OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = """
            INSERT INTO pending_declares (delivery_key, workspace_id, declared_at, body)
            VALUES ($key, $workspace, $declaredAt, $body)
            ON CONFLICT (delivery_key) DO NOTHING
            """;
        command.Parameters.AddWithValue("$key", declaration.DeliveryKey);
        command.Parameters.AddWithValue("$workspace", declaration.WorkspaceId);
        command.Parameters.AddWithValue("$declaredAt", declaration.DeclaredAt.ToUnixTimeMilliseconds());
        command.Parameters.AddWithValue("$body", JsonSerializer.Serialize(declaration, DocumentJson.Options));
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <summary>Everything waiting, oldest declaration first.</summary>
    public async Task<IReadOnlyList<PendingDeclaration>> ListAsync(CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT body FROM pending_declares ORDER BY declared_at, delivery_key";
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var pending = new List<PendingDeclaration>();
        while (await reader.ReadAsync(cancellationToken))
        {
            pending.Add(JsonSerializer.Deserialize<PendingDeclaration>(reader.GetString(0), DocumentJson.Options)
                ?? throw new JsonException("A spooled declaration deserialised to null."));
        }
        return pending;
    }

    public async Task<int> CountAsync(CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT COUNT(*) FROM pending_declares";
        return Convert.ToInt32(await command.ExecuteScalarAsync(cancellationToken), System.Globalization.CultureInfo.InvariantCulture);
    }

    /// <summary>Forgets a declaration once the store has it.</summary>
    public async Task RemoveAsync(string deliveryKey, CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = "DELETE FROM pending_declares WHERE delivery_key = $key";
        command.Parameters.AddWithValue("$key", deliveryKey);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <summary>Closes the pooled connections, so the file can be moved or deleted.</summary>
    public void Dispose()
    {
        using (var connection = new SqliteConnection(_connectionString))
            SqliteConnection.ClearPool(connection);
        _createGate.Dispose();
    }

    private async Task<SqliteConnection> OpenAsync(CancellationToken cancellationToken)
    {
        if (!_isCreated)
        {
            await _createGate.WaitAsync(cancellationToken);
            try
            {
                if (!_isCreated)
                {
                    Directory.CreateDirectory(System.IO.Path.GetDirectoryName(Path)!);
                    await using var first = new SqliteConnection(_connectionString);
                    await first.OpenAsync(cancellationToken);
                    await using var create = first.CreateCommand();
                    create.CommandText = "PRAGMA journal_mode = WAL;" + CreateSql;
                    await create.ExecuteNonQueryAsync(cancellationToken);
                    _isCreated = true;
                }
            }
            finally
            {
                _createGate.Release();
            }
        }
        var connection = new SqliteConnection(_connectionString);
        try
        {
            await connection.OpenAsync(cancellationToken);
            await using var configure = connection.CreateCommand();
            // FULL: a declaration the person was told is kept must survive a power cut.
            configure.CommandText = "PRAGMA synchronous = FULL;";
            await configure.ExecuteNonQueryAsync(cancellationToken);
            return connection;
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }
    }
}
