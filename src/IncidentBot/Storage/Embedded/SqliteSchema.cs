using System.Globalization;
using Microsoft.Data.Sqlite;

namespace IncidentBot.Storage.Embedded;

/// <summary>The one table of the embedded store, its indexes, and the per-connection settings.</summary>
internal static class SqliteSchema
{
    /// <summary>Kept in <c>PRAGMA user_version</c>; a file from a newer bot is refused rather than misread.</summary>
    public const int Version = 2;

    /// <summary>The document paths whose index follows (workspace_id, type) in <see cref="CreateSql"/>: an equality on one seeks it.</summary>
    public static readonly string[] IndexedPaths = ["number", "isOpen", "channel", "incidentNumber", "dueAt"];

    // Expression indexes only serve queries whose expression is textually the same, which is why
    // DocumentQuerySql writes json_extract(body, '$.path') with the path inline (validated), not bound.
    // Each index leads with (workspace_id, type): every query is one workspace and one type. The trend
    // figures and the incident export read IncidentFacts (one row per incident, kept by triggers); the
    // partial indexes of role assignments, pages and clocks by incident serve its triggers, the page
    // load and the clock states. A partial index is only covering when it also holds the type column
    // (SQLite reads the body to check `type = 'clock'` otherwise), hence `type` in ix_documents_trend_clocks.
    private const string CreateSql = """
        CREATE TABLE IF NOT EXISTS documents (
            workspace_id TEXT NOT NULL,
            id           TEXT NOT NULL,
            type         TEXT NOT NULL,
            etag         TEXT NOT NULL,
            body         TEXT NOT NULL,
            expires_at   INTEGER NULL,
            PRIMARY KEY (workspace_id, id)
        );
        CREATE INDEX IF NOT EXISTS ix_documents_type ON documents (workspace_id, type, id);
        CREATE INDEX IF NOT EXISTS ix_documents_expires_at ON documents (expires_at) WHERE expires_at IS NOT NULL;
        CREATE INDEX IF NOT EXISTS ix_documents_number
            ON documents (workspace_id, type, json_extract(body, '$.number'), id);
        CREATE INDEX IF NOT EXISTS ix_documents_is_open
            ON documents (workspace_id, type, json_extract(body, '$.isOpen'), json_extract(body, '$.number'), id);
        CREATE INDEX IF NOT EXISTS ix_documents_channel
            ON documents (workspace_id, type, json_extract(body, '$.channel'), id);
        CREATE INDEX IF NOT EXISTS ix_documents_incident_number
            ON documents (workspace_id, type, json_extract(body, '$.incidentNumber'), json_extract(body, '$.at'), id);
        CREATE INDEX IF NOT EXISTS ix_documents_incident_seq
            ON documents (workspace_id, type, json_extract(body, '$.incidentNumber'), json_extract(body, '$.seq'), id);
        CREATE INDEX IF NOT EXISTS ix_documents_due_at
            ON documents (workspace_id, type, json_extract(body, '$.dueAt'), id);
        CREATE INDEX IF NOT EXISTS ix_documents_roles_by_incident
            ON documents (workspace_id, json_extract(body, '$.text'), json_extract(body, '$.incidentNumber'), json_extract(body, '$.at'))
            WHERE type = 'timeline' AND json_extract(body, '$.kind') = 'roleAssigned';
        CREATE INDEX IF NOT EXISTS ix_documents_pages_by_incident
            ON documents (workspace_id, json_extract(body, '$.incidentNumber'), json_extract(body, '$.acknowledgedBy'), json_extract(body, '$.targets'))
            WHERE type = 'page';
        DROP INDEX IF EXISTS ix_documents_incident_trends;
        DROP INDEX IF EXISTS ix_documents_clocks_by_incident;
        CREATE INDEX IF NOT EXISTS ix_documents_trend_clocks
            ON documents (workspace_id, type, json_extract(body, '$.incidentNumber'), json_extract(body, '$.name'), json_extract(body, '$.startedAt'),
                json_extract(body, '$.window'), json_extract(body, '$.metAt'), json_extract(body, '$.breachedAt'), json_extract(body, '$.pauses'))
            WHERE type = 'clock';
        """;

    public static async Task CreateAsync(SqliteConnection connection, CancellationToken cancellationToken)
    {
        var existing = Convert.ToInt32(await ScalarAsync(connection, "PRAGMA user_version;", cancellationToken), CultureInfo.InvariantCulture);
        if (existing > Version)
            throw new InvalidOperationException($"The file has storage schema {existing}; this build knows up to {Version}.");

        // WAL is a property of the file: readers never wait for the writer, and it survives reopening.
        await ScalarAsync(connection, "PRAGMA journal_mode = WAL;", cancellationToken);
        await using var transaction = (SqliteTransaction)await connection.BeginTransactionAsync(cancellationToken);
        await using (var create = connection.CreateCommand())
        {
            create.Transaction = transaction;
            create.CommandText = CreateSql + IncidentFacts.CreateSql + $"\nPRAGMA user_version = {Version.ToString(CultureInfo.InvariantCulture)};";
            await create.ExecuteNonQueryAsync(cancellationToken);
        }
        if (existing < 2)
        {
            // A file from schema 1 (or a new one) gets its incident facts built once from the documents; triggers keep them from then on.
            await using var rebuild = connection.CreateCommand();
            rebuild.Transaction = transaction;
            rebuild.CommandText = IncidentFacts.RebuildSql;
            await rebuild.ExecuteNonQueryAsync(cancellationToken);
        }
        await transaction.CommitAsync(cancellationToken);
    }

    /// <summary>Settings SQLite keeps per connection, applied every time one is opened from the pool.</summary>
    /// <summary>
    /// A committing writer checkpoints the log itself only past this many pages (about 40 MB):
    /// <see cref="SqliteCheckpointer"/> normally keeps it far smaller, off the write path.
    /// </summary>
    public const int WriterCheckpointPages = 10_000;

    public static async Task ConfigureConnectionAsync(SqliteConnection connection, TimeSpan busyTimeout, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        // NORMAL in WAL mode: a power cut may lose the last commits, never corrupt the file; FULL costs an fsync per write.
        command.CommandText = string.Create(CultureInfo.InvariantCulture,
            $"PRAGMA synchronous = NORMAL; PRAGMA busy_timeout = {(long)busyTimeout.TotalMilliseconds}; PRAGMA wal_autocheckpoint = {WriterCheckpointPages};");
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private static async Task<object?> ScalarAsync(SqliteConnection connection, string sql, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        return await command.ExecuteScalarAsync(cancellationToken);
    }
}
