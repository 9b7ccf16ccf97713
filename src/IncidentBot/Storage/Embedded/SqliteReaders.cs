using System.Collections.Concurrent;
using Microsoft.Data.Sqlite;

namespace IncidentBot.Storage.Embedded;

/// <summary>
/// Open connections for point reads and queries, each with its read statement prepared once and the
/// queries it has run kept prepared: a read is then binding and stepping. Opening a pooled connection,
/// applying its settings and preparing the SQL again for every read cost several times the read itself,
/// and a report needs a few. A reader is rented by one read or query at a time; its statement is reset
/// when the read ends, so an idle reader holds no snapshot (the checkpointer and the writer never wait for it).
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
        var reader = await RentAsync(cancellationToken);
        T? found;
        try
        {
            cancellationToken.ThrowIfCancellationRequested();
            found = reader.Read(workspaceId, id, now, materialize);
        }
        catch
        {
            Return(reader, isBroken: true); // its connection may be broken: the next read opens a fresh one
            throw;
        }
        Return(reader, isBroken: false);
        return found;
    }

    /// <summary>A reader for one read or query (<see cref="Reader.Prepared"/>); give it back with <see cref="Return"/>.</summary>
    public async Task<Reader> RentAsync(CancellationToken cancellationToken)
    {
        ObjectDisposedException.ThrowIf(_isDisposed, this);
        return _idle.TryTake(out var idle) ? idle : await OpenReaderAsync(cancellationToken);
    }

    /// <summary>Takes a reader back, or closes it if its connection failed (<paramref name="isBroken"/>) or enough are idle.</summary>
    public void Return(Reader reader, bool isBroken)
    {
        ArgumentNullException.ThrowIfNull(reader);
        if (isBroken || _isDisposed || _idle.Count >= MaxIdle)
            reader.Dispose();
        else
            _idle.Add(reader);
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

    public sealed class Reader(SqliteConnection connection, SqliteStatement statement) : IDisposable
    {
        /// <summary>
        /// Query shapes kept prepared on one reader. The store's queries come in a few dozen shapes (values are bound);
        /// past this many the reader starts its collection afresh rather than grow without bound.
        /// </summary>
        public const int MaxPrepared = 32;

        private readonly PreparedStatements _prepared = new(MaxPrepared);

        /// <summary>The query prepared on this reader's connection, once per shape; reset it when its rows are read.</summary>
        public SqliteStatement Prepared(string sql) => _prepared.For(connection, sql);

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
            _prepared.Clear();
            statement.Dispose();
            connection.Dispose();
        }
    }
}
