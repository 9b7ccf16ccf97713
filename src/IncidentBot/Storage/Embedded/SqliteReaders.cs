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

    /// <summary>
    /// A live document as <paramref name="materialize"/> makes it from its body (UTF-8, read in place: no copy, no string)
    /// and its ETag, or null.
    /// </summary>
    public async Task<T?> ReadAsync<T>(string workspaceId, string id, long now, Materializer<T> materialize, CancellationToken cancellationToken)
        where T : class
    {
        ObjectDisposedException.ThrowIf(_isDisposed, this);
        var reader = _idle.TryTake(out var idle) ? idle : await OpenReaderAsync(cancellationToken);
        T? found;
        try
        {
            cancellationToken.ThrowIfCancellationRequested();
            found = reader.Read(workspaceId, id, now, materialize);
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
            return new Reader(connection, SqliteStatement.Prepare(connection, ReadSql));
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }
    }

    /// <summary>Makes a document from its stored body, read in place, and its ETag.</summary>
    public delegate T Materializer<T>(ReadOnlySpan<byte> body, string etag);

    private sealed class Reader(SqliteConnection connection, SqliteStatement statement) : IDisposable
    {
        public T? Read<T>(string workspaceId, string documentId, long at, Materializer<T> materialize)
            where T : class
        {
            try
            {
                statement.Bind("$workspace", workspaceId);
                statement.Bind("$id", documentId);
                statement.Bind("$now", at);
                return statement.Step() ? materialize(statement.ColumnBytes(0), statement.ColumnString(1)) : null;
            }
            finally
            {
                statement.Reset();
            }
        }

        public void Dispose()
        {
            statement.Dispose();
            connection.Dispose();
        }
    }
}
