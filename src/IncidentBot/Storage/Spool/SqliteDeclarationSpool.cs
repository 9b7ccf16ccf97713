using System.Text.Json;
using IncidentBot.Dialogs.Incidents;
using IncidentBot.Dialogs.Platform;
using IncidentBot.Dialogs.Storage;
using Microsoft.Data.Sqlite;

namespace IncidentBot.Storage.Spool;

/// <summary>
/// Declarations the store could not take, in a small SQLite file on local disk (not in the job
/// storage, which an in-memory Hangfire loses on restart). One row per delivery key, written
/// with a full sync, so what the person was told is kept survives a crash; writes are grouped
/// (<see cref="SpoolWriter"/>).
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

    // Added after the first release: a file from before gets them on open.
    private static readonly (string Name, string Definition)[] LaterColumns =
    [
        ("reply_address", "TEXT NULL"),
        ("attempts", "INTEGER NOT NULL DEFAULT 0"),
        ("last_error", "TEXT NULL"),
        ("set_aside_at", "INTEGER NULL"),
    ];

    private readonly string _connectionString;
    private readonly SemaphoreSlim _createGate = new(1, 1);
    private readonly SpoolWriter _writer;
    private volatile bool _isCreated;

    static SqliteDeclarationSpool() => SqliteLibrary.EnsureConfigured();

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
        _writer = new SpoolWriter(OpenAsync);
    }

    public string Path { get; }

    public Task SaveAsync(PendingDeclaration declaration, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(declaration);
        return _writer.WriteAsync(
            """
            INSERT INTO pending_declares (delivery_key, workspace_id, declared_at, body)
            VALUES ($key, $workspace, $declaredAt, $body)
            ON CONFLICT (delivery_key) DO NOTHING
            """,
            ("$key", declaration.DeliveryKey),
            ("$workspace", declaration.WorkspaceId),
            ("$declaredAt", declaration.DeclaredAt.ToUnixTimeMilliseconds()),
            ("$body", JsonSerializer.Serialize(declaration, DocumentJson.Options))).WaitAsync(cancellationToken);
    }

    public Task AttachReplyAddressAsync(string deliveryKey, string replyAddress, CancellationToken cancellationToken) =>
        _writer.WriteAsync(
            "UPDATE pending_declares SET reply_address = $address WHERE delivery_key = $key",
            ("$key", deliveryKey), ("$address", replyAddress)).WaitAsync(cancellationToken);

    /// <summary>Everything waiting, oldest declaration first, except rows set aside after failing.</summary>
    public async Task<IReadOnlyList<PendingDeclaration>> ListAsync(CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = """
            SELECT delivery_key, body, reply_address FROM pending_declares
            WHERE set_aside_at IS NULL ORDER BY declared_at, delivery_key
            """;
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var pending = new List<PendingDeclaration>();
        while (await reader.ReadAsync(cancellationToken))
        {
            PendingDeclaration? declaration;
            try
            {
                declaration = JsonSerializer.Deserialize<PendingDeclaration>(reader.GetString(1), DocumentJson.Options);
            }
            catch (JsonException)
            {
                declaration = null;
            }
            if (declaration is null)
            {
                // Unreadable: a placeholder the job sets aside, so it never blocks the rows behind it.
                pending.Add(Unreadable(reader.GetString(0)));
                continue;
            }
            pending.Add(reader.IsDBNull(2) ? declaration : declaration with { ReplyAddress = reader.GetString(2) });
        }
        return pending;
    }

    /// <summary>Declarations waiting to be stored (not those set aside).</summary>
    public Task<int> CountAsync(CancellationToken cancellationToken) => ScalarAsync("SELECT COUNT(*) FROM pending_declares WHERE set_aside_at IS NULL", cancellationToken);

    /// <summary>Declarations set aside after failing <see cref="MaxAttempts"/> times: an operator looks at them.</summary>
    public Task<int> CountSetAsideAsync(CancellationToken cancellationToken) => ScalarAsync("SELECT COUNT(*) FROM pending_declares WHERE set_aside_at IS NOT NULL", cancellationToken);

    /// <summary>Tries a declaration that keeps failing for reasons other than the store being down before it is set aside.</summary>
    public const int MaxAttempts = 5;

    /// <summary>Records a failed try; after <see cref="MaxAttempts"/> the row is set aside and no longer tried.</summary>
    /// <returns>True when the row is now set aside.</returns>
    public async Task<bool> RecordFailureAsync(string deliveryKey, string reason, DateTimeOffset at, CancellationToken cancellationToken)
    {
        var setAsideAt = await _writer.WriteAsync(
            """
            UPDATE pending_declares
            SET attempts = attempts + 1, last_error = $reason,
                set_aside_at = CASE WHEN attempts + 1 >= $max THEN $at ELSE NULL END
            WHERE delivery_key = $key
            RETURNING set_aside_at
            """,
            ("$key", deliveryKey), ("$reason", reason), ("$max", MaxAttempts), ("$at", at.ToUnixTimeMilliseconds())).WaitAsync(cancellationToken);
        return setAsideAt is long;
    }

    /// <summary>Forgets a declaration once the store has it.</summary>
    public Task RemoveAsync(string deliveryKey, CancellationToken cancellationToken) =>
        _writer.WriteAsync("DELETE FROM pending_declares WHERE delivery_key = $key", ("$key", deliveryKey)).WaitAsync(cancellationToken);

    /// <summary>Closes the pooled connections, so the file can be moved or deleted.</summary>
    public void Dispose()
    {
        using (var connection = new SqliteConnection(_connectionString))
            SqliteConnection.ClearPool(connection);
        _createGate.Dispose();
    }

    private static PendingDeclaration Unreadable(string deliveryKey) => new()
    {
        WorkspaceId = "",
        Platform = PlatformId.From(""),
        Reporter = new UserId(""),
        Draft = new IncidentDraft { Title = "" },
        DeliveryKey = deliveryKey,
        DeclaredAt = DateTimeOffset.UnixEpoch,
    };

    private static async Task AddLaterColumnsAsync(SqliteConnection connection, CancellationToken cancellationToken)
    {
        var existing = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        await using (var columns = connection.CreateCommand())
        {
            columns.CommandText = "SELECT name FROM pragma_table_info('pending_declares')";
            await using var reader = await columns.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
                existing.Add(reader.GetString(0));
        }
        foreach (var (name, definition) in LaterColumns)
        {
            if (existing.Contains(name))
                continue;
            await using var add = connection.CreateCommand();
            add.CommandText = $"ALTER TABLE pending_declares ADD COLUMN {name} {definition}";
            await add.ExecuteNonQueryAsync(cancellationToken);
        }
    }

    private async Task<int> ScalarAsync(string sql, CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        return Convert.ToInt32(await command.ExecuteScalarAsync(cancellationToken), System.Globalization.CultureInfo.InvariantCulture);
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
                    await AddLaterColumnsAsync(first, cancellationToken);
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
