using System.Collections.Concurrent;
using Microsoft.Data.Sqlite;

namespace IncidentBot.Storage.Embedded;

/// <summary>
/// Open connections for point reads, each with its read statement prepared once: a read is then
/// binding and stepping. Opening a pooled connection, applying its settings and preparing the SQL
/// again for every read cost several times the read itself, and a report needs a few. A reader is
/// rented by one read at a time; its statement is reset when the read ends, so an idle reader holds
/// no snapshot (the checkpointer and the writer never wait for it).
/// </summary>
internal sealed class SqliteReaders(Func<CancellationToken, Task<SqliteConnection>> open) : IDisposable
{
    /// <summary>Idle readers kept; more concurrent reads open more, which are closed when returned.</summary>
    public const int MaxIdle = 8;

    private const string ReadSql = """
        SELECT body, etag FROM documents
        WHERE workspace_id = $workspace AND id = $id AND (expires_at IS NULL OR expires_at > $now)
        """;

    private readonly ConcurrentBag<Reader> _idle = [];
    private volatile bool _isDisposed;

    /// <summary>The body (UTF-8, as stored: the deserialiser reads it without a string in between) and ETag of a live document, or null.</summary>
    public async Task<(byte[] Body, string ETag)?> ReadAsync(string workspaceId, string id, long now, CancellationToken cancellationToken)
    {
        ObjectDisposedException.ThrowIf(_isDisposed, this);
        var reader = _idle.TryTake(out var idle) ? idle : await OpenReaderAsync(cancellationToken);
        (byte[], string)? found;
        try
        {
            found = await reader.ReadAsync(workspaceId, id, now, cancellationToken);
        }
        catch
        {
            reader.Dispose(); // its connection may be broken: the next read opens a fresh one
            throw;
        }
        if (_isDisposed || _idle.Count >= MaxIdle)
            reader.Dispose();
        else
            _idle.Add(reader);
        return found;
    }

    public void Dispose()
    {
        _isDisposed = true;
        while (_idle.TryTake(out var reader))
            reader.Dispose();
    }

    private async Task<Reader> OpenReaderAsync(CancellationToken cancellationToken)
    {
        var connection = await open(cancellationToken);
        try
        {
            var command = connection.CreateCommand();
            command.CommandText = ReadSql;
            var reader = new Reader(connection, command,
                command.Parameters.Add("$workspace", SqliteType.Text),
                command.Parameters.Add("$id", SqliteType.Text),
                command.Parameters.Add("$now", SqliteType.Integer));
            command.Prepare();
            return reader;
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }
    }

    private sealed class Reader(SqliteConnection connection, SqliteCommand command, SqliteParameter workspace, SqliteParameter id, SqliteParameter now) : IDisposable
    {
        public async Task<(byte[], string)?> ReadAsync(string workspaceId, string documentId, long at, CancellationToken cancellationToken)
        {
            workspace.Value = workspaceId;
            id.Value = documentId;
            now.Value = at;
            await using var rows = await command.ExecuteReaderAsync(cancellationToken);
            return await rows.ReadAsync(cancellationToken) ? (rows.GetFieldValue<byte[]>(0), rows.GetString(1)) : null;
        }

        public void Dispose()
        {
            command.Dispose();
            connection.Dispose();
        }
    }
}
