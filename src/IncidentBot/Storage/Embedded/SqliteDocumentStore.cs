using IncidentBot.Jobs;
using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text.Json;
using IncidentBot.Dialogs.Storage;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging;

namespace IncidentBot.Storage.Embedded;

/// <summary>
/// The embedded default store: one SQLite file holding the same JSON documents, partitioned
/// by workspace, with the same ETag semantics as the Cosmos DB store. Safe for concurrent
/// callers: every operation takes its own pooled connection, and WAL lets reads run beside
/// the one writer.
/// </summary>
public sealed class SqliteDocumentStore : IDocumentStore, IDisposable
{
    public const string Kind = "embedded";

    public static readonly TimeSpan DefaultBusyTimeout = TimeSpan.FromSeconds(5);

    /// <summary>
    /// Commits written in one transaction at most: enough that a burst shares its commits' cost, few enough that the
    /// first of a group does not wait long for the last (PERFORMANCE.md, "Group commit").
    /// </summary>
    internal const int MaxCommitsPerTransaction = 64;

    /// <summary>
    /// The background commits a transaction takes at first; more join it a chunk at a time while no urgent commit waits,
    /// so a person's commit that arrives during a background burst waits for at most a chunk, not a whole group.
    /// </summary>
    internal const int CommitsPerChunk = 16;

    // Expired documents are already invisible; purging only reclaims space, so once a minute is plenty.
    private static readonly TimeSpan PurgeInterval = TimeSpan.FromMinutes(1);

    private readonly string _connectionString;
    private readonly string _writerConnectionString;
    private readonly TimeSpan _busyTimeout;
    private readonly TimeProvider _clock;
    private readonly ILogger<SqliteDocumentStore> _logger;

    // Writers of this process queue here without holding a thread, instead of each blocking a
    // pool thread in SQLite's busy wait. Another process on the file still waits on SQLite's lock.
    private readonly WriteGate _writeGate = new();
    private readonly CommitQueue _commits = new();
    private readonly SqliteWriter _writer;
    private readonly SqliteReaders _readers;
    private readonly InitializeGate _initialization;
    private readonly SemaphoreSlim _checkpointGate = new(1, 1);
    private SqliteConnection? _checkpointConnection;
    private bool _isDisposed;
    private long _transactionsWritten;
    private long _writerCpuNanoseconds;
    private DateTimeOffset _nextPurgeAt = DateTimeOffset.MinValue;

    static SqliteDocumentStore() => SqliteLibrary.EnsureConfigured();

    public SqliteDocumentStore(string path, TimeProvider clock, ILogger<SqliteDocumentStore> logger)
        : this(path, clock, logger, DefaultBusyTimeout)
    {
    }

    /// <param name="coalesceLogWrites">Whether the writer writes the log through <see cref="LogWriteCoalescing"/> where it can (<see cref="StorageOptions.CoalesceLogWrites"/>).</param>
    internal SqliteDocumentStore(string path, TimeProvider clock, ILogger<SqliteDocumentStore> logger, TimeSpan busyTimeout, bool coalesceLogWrites = true)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        ArgumentOutOfRangeException.ThrowIfLessThan(busyTimeout, TimeSpan.FromSeconds(1));
        Path = System.IO.Path.GetFullPath(path);
        _clock = clock;
        _logger = logger;
        _busyTimeout = busyTimeout;
        _connectionString = new SqliteConnectionStringBuilder
        {
            DataSource = Path,
            Mode = SqliteOpenMode.ReadWriteCreate,
            Cache = SqliteCacheMode.Private,
            Pooling = true,
            // Microsoft.Data.Sqlite retries busy statements until the command timeout: keep it equal to the busy timeout.
            DefaultTimeout = (int)Math.Ceiling(busyTimeout.TotalSeconds),
        }.ToString();
        // Only the writer's connection: it is the one that writes the log; readers and checkpoints open the file as it is.
        CoalescesLogWrites = coalesceLogWrites && LogWriteCoalescing.EnsureRegistered();
        _writerConnectionString = CoalescesLogWrites
            ? new SqliteConnectionStringBuilder(_connectionString) { DataSource = LogWriteCoalescing.UriFor(Path) }.ToString()
            : _connectionString;
        _writer = new SqliteWriter(OpenWriterConnectionAsync);
        _readers = new SqliteReaders(OpenConnectionAsync);
        _initialization = new InitializeGate(CreateSchemaAsync);
    }

    /// <summary>
    /// Holds the write gate as a background writer until the returned handle is disposed, so a test can queue writes
    /// behind it and decide the order they are granted in, whatever the machine's speed.
    /// </summary>
    internal async Task<IDisposable> HoldWritesAsync(CancellationToken cancellationToken)
    {
        await InitializeAsync(cancellationToken);
        await _writeGate.WaitAsync(urgent: false, cancellationToken);
        return new HeldWrites(_writeGate);
    }

    /// <summary>Whether the writer writes the log a transaction at a time (<see cref="LogWriteCoalescing"/>), not two calls a page.</summary>
    public bool CoalescesLogWrites { get; }

    /// <summary>Transactions the writer has committed (a group of commits is one); lets a test see commits grouped.</summary>
    internal long TransactionsWritten => Interlocked.Read(ref _transactionsWritten);

    /// <summary>How long the one-writer gate has been held since the store opened: the writer's groups, deletes and the log's restarts.</summary>
    internal TimeSpan WriteGateHeld => _writeGate.HeldTime;

    /// <summary>
    /// The CPU time the writer has used writing (zero where <see cref="ThreadCpuClock"/> is not supported). Held time
    /// beyond it is time the writer waited, for a CPU mostly (PERFORMANCE.md, twenty-seventh session).
    /// </summary>
    internal TimeSpan WriterCpuTime => TimeSpan.FromTicks(Interlocked.Read(ref _writerCpuNanoseconds) / 100);

    /// <summary>Called by the writer inside a group's transaction after each chunk of commits; lets a test queue a commit mid-group.</summary>
    internal Action? ChunkWritten { get; set; }

    /// <summary>A setting of the writer's connection (<c>PRAGMA name</c>), read under the write gate; for tests.</summary>
    internal Task<long> WriterSettingAsync(string pragma, CancellationToken cancellationToken) =>
        WriteAsync("read setting", "", pragma, async (writer, _) =>
            Convert.ToInt64(await writer.Command($"PRAGMA {pragma};").ExecuteScalarAsync(cancellationToken), System.Globalization.CultureInfo.InvariantCulture),
            cancellationToken);

    /// <summary>Commits queued for the writer, by line (see <see cref="HoldWritesAsync"/>).</summary>
    internal (int Urgent, int Background) WritesWaiting => _commits.Waiting;

    private sealed class HeldWrites(WriteGate gate) : IDisposable
    {
        private int _released;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _released, 1) == 0)
                gate.Release();
        }
    }

    /// <summary>The full path of the database file.</summary>
    public string Path { get; }

    /// <summary>Creates the directory, the file and the schema; every operation does it first if needed.</summary>
    public Task InitializeAsync(CancellationToken cancellationToken) => _initialization.RunOnceAsync(cancellationToken);

    public async Task<Versioned<T>?> ReadAsync<T>(string workspaceId, string id, CancellationToken cancellationToken)
        where T : class, IDocument
    {
        ArgumentException.ThrowIfNullOrEmpty(workspaceId);
        ArgumentException.ThrowIfNullOrEmpty(id);
        await InitializeAsync(cancellationToken);
        return await GuardAsync("read", workspaceId, id,
            () => _readers.ReadAsync(workspaceId, id, NowMilliseconds(), static (body, etag) => DocumentRules.Materialize<T>(body, etag), cancellationToken));
    }

    public async Task<string> CreateAsync<T>(T document, CancellationToken cancellationToken)
        where T : class, IDocument =>
        (await CommitAsync(new DocumentBatch(document.WorkspaceId).Create(document), cancellationToken)).ETagOf(document.Id)!;

    public async Task<string> ReplaceAsync<T>(T document, string ifMatch, CancellationToken cancellationToken)
        where T : class, IDocument =>
        (await CommitAsync(new DocumentBatch(document.WorkspaceId).Replace(document, ifMatch), cancellationToken)).ETagOf(document.Id)!;

    public async Task<string> UpsertAsync<T>(T document, CancellationToken cancellationToken)
        where T : class, IDocument =>
        (await CommitAsync(new DocumentBatch(document.WorkspaceId).Upsert(document), cancellationToken)).ETagOf(document.Id)!;

    public async Task<bool> DeleteAsync(string workspaceId, string id, string? ifMatch, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(workspaceId);
        ArgumentException.ThrowIfNullOrEmpty(id);
        var operation = new DocumentOperation(DocumentOperationKind.Delete, id, null, ifMatch, IsFinal: false);
        var outcome = await WriteAsync("delete", workspaceId, id, (writer, now) => Task.FromResult(Apply(writer, workspaceId, operation, default, "", now)), cancellationToken);
        return outcome switch
        {
            Outcome.Done => true,
            Outcome.Missing => false,
            _ => throw _logger.Conflict("delete", workspaceId, id, alreadyExists: false),
        };
    }

    /// <summary>
    /// Every write of the batch, or (on the first conflict) none. The batch joins the commits waiting
    /// for the writer, which writes them in groups, one SQLite transaction each (see <see cref="CommitQueue"/>).
    /// </summary>
    public async Task<BatchResult> CommitAsync(DocumentBatch batch, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(batch);
        if (batch.IsEmpty)
            return BatchResult.Empty;
        await InitializeAsync(cancellationToken);
        ObjectDisposedException.ThrowIf(_isDisposed, this);
        // Serialised here, on the caller's thread: the one writer only binds and steps.
        var operations = batch.Operations;
        var rows = new DocumentRow[operations.Count];
        var etags = new string[operations.Count];
        var result = new Dictionary<string, string?>(operations.Count, StringComparer.Ordinal);
        for (var i = 0; i < operations.Count; i++)
        {
            if (operations[i].Document is { } document)
                rows[i] = DocumentRow.From(document, operations[i].KeepForever);
            var etag = operations[i].Kind == DocumentOperationKind.Delete ? null : NewETag();
            etags[i] = etag ?? "";
            result[operations[i].Id] = etag;
        }
        var commit = new PendingCommit(batch.WorkspaceId, operations, rows, etags, WritePriority.IsUrgent);
        var inlineWriter = _commits.Enqueue(commit);
        var written = new BatchResult(result);
        // In the writer's order now, with its ETags fixed: a caller may let a unit that depends on this one go ahead.
        batch.Ordered(written);
        if (inlineWriter)
            await WriteQueuedAsync(inline: true);
        int? failed;
        // Given up while still queued, it is never written; once the writer has it, it is written and answered.
        await using (cancellationToken.CanBeCanceled ? cancellationToken.Register(() => commit.TryCancel(cancellationToken)) : default(CancellationTokenRegistration?))
            failed = await commit.Done;
        if (failed is { } index)
        {
            var operation = operations[index];
            throw _logger.Conflict(operations.Count == 1 ? Verb(operation.Kind) : "batch", batch.WorkspaceId, operation.Id,
                alreadyExists: operation.Kind == DocumentOperationKind.Create);
        }
        return written;
    }

    /// <summary>
    /// The writer: takes the write gate, writes a group, lets go (so deletes and other gate users get their turn), until
    /// nothing waits. The caller that found no writer is the writer for one group, which holds its own commit, so a commit
    /// that meets no queue costs no thread hop; if more wait after it, a writer on the thread pool goes on with them.
    /// </summary>
    private async Task WriteQueuedAsync(bool inline)
    {
        if (inline)
            // The one writer holds everyone up: it runs at normal priority even when a background job asked for it.
            await JobThreads.LeaveAsync();
        do
        {
            try
            {
                await _writeGate.WaitAsync(_commits.HasUrgent, CancellationToken.None);
            }
            catch (ObjectDisposedException e)
            {
                foreach (var commit in _commits.TakeAll())
                    commit.Fail(e);
                return;
            }
            try
            {
                // Urgent commits go together up to the whole group: everyone in it is waiting for the COMMIT.
                var group = _commits.TakeGroup(_commits.HasUrgent ? MaxCommitsPerTransaction : CommitsPerChunk);
                if (group.Count > 0)
                    await WriteGroupAsync(group, inline);
            }
            finally
            {
                _writeGate.Release();
            }
            if (_commits.StopIfEmpty())
                return;
        }
        while (!inline);
        using (ExecutionContext.SuppressFlow())
            _ = Task.Run(() => WriteQueuedAsync(inline: false));
    }

    /// <summary>
    /// The group as one transaction, each commit of several writes inside a savepoint, so a conflict rolls back its own
    /// writes only. If the transaction fails, each commit is written again alone, so one commit's failure is its own.
    /// </summary>
    /// <param name="inline">Written by a caller for its own commit, which it awaits next; otherwise by the writer that goes on with the next group.</param>
    private async Task WriteGroupAsync(List<PendingCommit> group, bool inline)
    {
        if (group.Count == 1)
        {
            await WriteAloneAsync(group[0], inline);
            return;
        }
        int?[] failedAt;
        try
        {
            failedAt = await WriteUnderGateAsync(async (writer, now) =>
            {
                var outcomes = new List<int?>(group.Count);
                await writer.Command("BEGIN IMMEDIATE").ExecuteNonQueryAsync();
                var hasUrgent = false;
                while (true)
                {
                    for (var i = outcomes.Count; i < group.Count; i++)
                    {
                        hasUrgent |= group[i].IsUrgent;
                        outcomes.Add(await ApplyAllAsync(writer, group[i], now, savepoint: group[i].Operations.Count > 1));
                    }
                    ChunkWritten?.Invoke();
                    // Commits that came meanwhile join while nobody waits for an urgent one: a burst shares one COMMIT.
                    if (hasUrgent || group.Count >= MaxCommitsPerTransaction || _commits.HasUrgent)
                        break;
                    var more = _commits.TakeGroup(Math.Min(CommitsPerChunk, MaxCommitsPerTransaction - group.Count));
                    if (more.Count == 0)
                        break;
                    group.AddRange(more);
                }
                await writer.Command("COMMIT").ExecuteNonQueryAsync();
                return outcomes.ToArray();
            });
        }
        catch (Exception e)
        {
            _logger.CommitGroupFailed(group.Count, e);
            foreach (var commit in group)
                await WriteAloneAsync(commit, inline);
            return;
        }
        for (var i = 0; i < group.Count; i++)
            group[i].Complete(failedAt[i], handOff: !inline);
    }

    /// <summary>One commit in its own transaction (none for a single write: one statement is atomic by itself).</summary>
    private async Task WriteAloneAsync(PendingCommit commit, bool inline)
    {
        try
        {
            var operations = commit.Operations;
            var first = operations[0];
            var failed = await GuardAsync(operations.Count == 1 ? Verb(first.Kind) : "batch", commit.WorkspaceId, first.Id, () =>
                WriteUnderGateAsync(async (writer, now) =>
                {
                    var isTransaction = operations.Count > 1;
                    if (isTransaction)
                        await writer.Command("BEGIN IMMEDIATE").ExecuteNonQueryAsync();
                    var outcome = await ApplyAllAsync(writer, commit, now, savepoint: false);
                    if (isTransaction)
                        await writer.Command(outcome is null ? "COMMIT" : "ROLLBACK").ExecuteNonQueryAsync();
                    return outcome;
                }));
            commit.Complete(failed, handOff: !inline);
        }
        catch (Exception e)
        {
            commit.Fail(e);
        }
    }

    /// <summary>The commit's writes in order until one meets a conflict; its index then, and the commit's writes undone if in a savepoint.</summary>
    private static Task<int?> ApplyAllAsync(SqliteWriter writer, PendingCommit commit, long now, bool savepoint)
    {
        if (savepoint)
            writer.Statement("SAVEPOINT unit").Execute();
        var operations = commit.Operations;
        for (var i = 0; i < operations.Count; i++)
        {
            var outcome = Apply(writer, commit.WorkspaceId, operations[i], commit.Rows[i], commit.ETags[i], now);
            if (outcome is Outcome.Conflict or Outcome.Exists)
            {
                if (savepoint)
                {
                    writer.Statement("ROLLBACK TO unit").Execute();
                    writer.Statement("RELEASE unit").Execute();
                }
                return Task.FromResult<int?>(i);
            }
        }
        if (savepoint)
            writer.Statement("RELEASE unit").Execute();
        return Task.FromResult<int?>(null);
    }

    /// <summary>
    /// One write, as one conditional statement: the check and the write cannot be split by another writer. The incident facts
    /// it changes follow in the same unit (<see cref="IncidentFactsUpkeep"/>: the writer's connection has no triggers).
    /// </summary>
    private static Outcome Apply(SqliteWriter writer, string workspaceId, DocumentOperation operation, DocumentRow row, string etag, long now)
    {
        switch (operation.Kind)
        {
            case DocumentOperationKind.Create:
            {
                // An expired document that has not been purged yet counts as gone, as it does for reads.
                var statement = writer.Statement(row.HasColumns ? CreateWithColumnsSql : CreateSql);
                row.Bind(statement, etag, now, withColumns: row.HasColumns);
                if (statement.Execute() != 1)
                    return Outcome.Exists;
                IncidentFactsUpkeep.Written(writer, row, now, stored: null);
                return Outcome.Done;
            }
            case DocumentOperationKind.Replace:
            {
                // A lead assignment, page or clock as it was counts for its incident's facts until it is replaced.
                var stored = IncidentFactsUpkeep.IsRelatedType(row.Type) ? IncidentFactsUpkeep.ReadStored(writer, workspaceId, row.Id) : null;
                // `type` and the member columns are left out of the SET when unchanged: SQLite rewrites the entry of every
                // index on a column the SET names, changed or not, so naming them cost a leaf of ix_documents_type (PERFORMANCE.md,
                // store13) and one of each incident index (cols14) per replace. A changed one takes the second statement.
                var statement = writer.Statement(row.HasColumns ? ReplaceWithColumnsSql : ReplaceSql);
                row.Bind(statement, etag, now, withColumns: row.HasColumns);
                statement.Bind("$ifMatch", operation.IfMatch);
                if (statement.Execute() == 1)
                {
                    IncidentFactsUpkeep.Written(writer, row, now, stored);
                    return Outcome.Done;
                }
                stored ??= IncidentFactsUpkeep.ReadStored(writer, workspaceId, row.Id);
                var retyped = writer.Statement(RetypedReplaceSql);
                row.Bind(retyped, etag, now, withColumns: true);
                retyped.Bind("$ifMatch", operation.IfMatch);
                if (retyped.Execute() != 1)
                    return Outcome.Conflict;
                IncidentFactsUpkeep.Written(writer, row, now, stored);
                return Outcome.Done;
            }
            case DocumentOperationKind.Upsert:
            {
                var stored = IncidentFactsUpkeep.IsRelatedType(row.Type) ? IncidentFactsUpkeep.ReadStored(writer, workspaceId, row.Id) : null;
                // As for a replace: a stored row with the same type and member columns keeps those untouched (no index entry rewritten).
                var statement = writer.Statement(row.HasColumns ? UpsertWithColumnsSql : UpsertSql);
                row.Bind(statement, etag, now, withColumns: row.HasColumns);
                if (statement.Execute() != 1)
                {
                    stored ??= IncidentFactsUpkeep.ReadStored(writer, workspaceId, row.Id);
                    var retyped = writer.Statement(RetypedUpsertSql);
                    row.Bind(retyped, etag, now, withColumns: true);
                    retyped.Execute();
                }
                IncidentFactsUpkeep.Written(writer, row, now, stored);
                return Outcome.Done;
            }
            default:
            {
                var delete = writer.Statement(DeleteSql);
                delete.Bind("$workspace", workspaceId);
                delete.Bind("$id", operation.Id);
                delete.Bind("$now", now);
                delete.Bind("$ifMatch", operation.IfMatch);
                // The row deleted comes back with the statement (RETURNING): the facts need its type and body.
                if (IncidentFactsUpkeep.StepToRow(delete, workspaceId) is { } deleted)
                {
                    IncidentFactsUpkeep.Removed(writer, deleted);
                    return Outcome.Done;
                }
                if (operation.IfMatch is null)
                    return Outcome.Missing;

                // Still under the write gate, so "there but with another ETag" cannot change before this check.
                var exists = writer.Statement(ExistsSql);
                exists.Bind("$workspace", workspaceId);
                exists.Bind("$id", operation.Id);
                exists.Bind("$now", now);
                return exists.Execute() == 0 ? Outcome.Missing : Outcome.Conflict;
            }
        }
    }

    private const string RetypedReplaceSql = """
        UPDATE documents SET type = $type, etag = $etag, body = $body, expires_at = $expires,
            number = $number, is_open = $is_open, channel = $channel
        WHERE workspace_id = $workspace AND id = $id AND etag = $ifMatch
          AND (expires_at IS NULL OR expires_at > $now)
        """;

    private const string RetypedUpsertSql = """
        UPDATE documents SET type = $type, etag = $etag, body = $body, expires_at = $expires,
            number = $number, is_open = $is_open, channel = $channel
        WHERE workspace_id = $workspace AND id = $id
        """;

    private const string DeleteSql = """
        DELETE FROM documents
        WHERE workspace_id = $workspace AND id = $id AND (expires_at IS NULL OR expires_at > $now)
          AND ($ifMatch IS NULL OR etag = $ifMatch)
        RETURNING type, body
        """;

    private const string ExistsSql = """
        SELECT 1 FROM documents
        WHERE workspace_id = $workspace AND id = $id AND (expires_at IS NULL OR expires_at > $now)
        """;

    // A row of a type without member columns (SqliteSchema.ColumnTypes: reports, timeline events, ledger entries, ...) keeps
    // them NULL: its statements leave them out (three parameters fewer to bind on most writes) and a stored row of the same
    // type has them NULL already; a statement that may change the type sets them (the retyped UPDATEs, a create over an expired row).
    private const string CreateSql = """
        INSERT INTO documents (workspace_id, id, type, etag, body, expires_at)
        VALUES ($workspace, $id, $type, $etag, $body, $expires)
        ON CONFLICT (workspace_id, id) DO UPDATE SET
            type = excluded.type, etag = excluded.etag, body = excluded.body, expires_at = excluded.expires_at,
            number = NULL, is_open = NULL, channel = NULL
        WHERE documents.expires_at IS NOT NULL AND documents.expires_at <= $now
        """;

    private const string CreateWithColumnsSql = """
        INSERT INTO documents (workspace_id, id, type, etag, body, expires_at, number, is_open, channel)
        VALUES ($workspace, $id, $type, $etag, $body, $expires, $number, $is_open, $channel)
        ON CONFLICT (workspace_id, id) DO UPDATE SET
            type = excluded.type, etag = excluded.etag, body = excluded.body, expires_at = excluded.expires_at,
            number = excluded.number, is_open = excluded.is_open, channel = excluded.channel
        WHERE documents.expires_at IS NOT NULL AND documents.expires_at <= $now
        """;

    private const string ReplaceSql = """
        UPDATE documents SET etag = $etag, body = $body, expires_at = $expires
        WHERE workspace_id = $workspace AND id = $id AND etag = $ifMatch AND type = $type
          AND (expires_at IS NULL OR expires_at > $now)
        """;

    private const string ReplaceWithColumnsSql = """
        UPDATE documents SET etag = $etag, body = $body, expires_at = $expires
        WHERE workspace_id = $workspace AND id = $id AND etag = $ifMatch AND type = $type
          AND number IS $number AND is_open IS $is_open AND channel IS $channel
          AND (expires_at IS NULL OR expires_at > $now)
        """;

    private const string UpsertSql = """
        INSERT INTO documents (workspace_id, id, type, etag, body, expires_at)
        VALUES ($workspace, $id, $type, $etag, $body, $expires)
        ON CONFLICT (workspace_id, id) DO UPDATE SET
            etag = excluded.etag, body = excluded.body, expires_at = excluded.expires_at
        WHERE documents.type = excluded.type
        """;

    private const string UpsertWithColumnsSql = """
        INSERT INTO documents (workspace_id, id, type, etag, body, expires_at, number, is_open, channel)
        VALUES ($workspace, $id, $type, $etag, $body, $expires, $number, $is_open, $channel)
        ON CONFLICT (workspace_id, id) DO UPDATE SET
            etag = excluded.etag, body = excluded.body, expires_at = excluded.expires_at
        WHERE documents.type = excluded.type AND documents.number IS excluded.number
          AND documents.is_open IS excluded.is_open AND documents.channel IS excluded.channel
        """;

    private static string Verb(DocumentOperationKind kind) => kind switch
    {
        DocumentOperationKind.Create => "create",
        DocumentOperationKind.Replace => "replace",
        DocumentOperationKind.Upsert => "upsert",
        _ => "delete",
    };

    public async IAsyncEnumerable<Versioned<T>> QueryAsync<T>(DocumentQuery query, [EnumeratorCancellation] CancellationToken cancellationToken)
        where T : class, IDocument
    {
        ArgumentNullException.ThrowIfNull(query);
        // Translate first: a bad path or value fails before the file is touched. The command only carries the SQL and
        // its values: the query runs on a reader's statement prepared for its shape, not prepared again each time.
        await using var command = new SqliteCommand();
        DocumentQuerySql.Select(command, query, NowMilliseconds());
        await InitializeAsync(cancellationToken);
        var reader = await GuardAsync("query", query.WorkspaceId, null, () => _readers.RentAsync(cancellationToken));
        // Set while SQLite works: a failure there may have left the connection unusable, so the reader is closed. A
        // caller that stops reading part-way, or a row that fails to materialise, leaves it as good as a finished query.
        var inSqlite = true;
        try
        {
            var statement = Guard("query", query.WorkspaceId, () => reader.Prepared(command.CommandText));
            try
            {
                foreach (SqliteParameter parameter in command.Parameters)
                    statement.BindValue(parameter.ParameterName, parameter.Value);
                inSqlite = false;
                while (true)
                {
                    cancellationToken.ThrowIfCancellationRequested();
                    inSqlite = true;
                    if (!Guard("query", query.WorkspaceId, statement.Step))
                        break;
                    inSqlite = false;
                    // Materialised before the caller sees it: the row's bytes are SQLite's until the next step.
                    var row = DocumentRules.Materialize<T>(statement.ColumnBytes(0), statement.ColumnString(1));
                    yield return row;
                }
                inSqlite = false;
            }
            finally
            {
                statement.Reset();
            }
        }
        finally
        {
            _readers.Return(reader, isBroken: inSqlite);
        }
    }

    private TResult Guard<TResult>(string operation, string? workspaceId, Func<TResult> work)
    {
        try
        {
            return work();
        }
        catch (SqliteException e) when (IsUnavailable(e))
        {
            throw Unavailable(operation, workspaceId, null, e);
        }
    }

    public async Task<int> CountAsync(DocumentQuery query, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        await using var command = new SqliteCommand();
        DocumentQuerySql.Count(command, query, NowMilliseconds());
        return await RunAsync("count", query.WorkspaceId, null, async connection =>
        {
            command.Connection = connection;
            return Convert.ToInt32(await command.ExecuteScalarAsync(cancellationToken), CultureInfo.InvariantCulture);
        }, cancellationToken);
    }

    public async Task<StoreHealth> CheckHealthAsync(CancellationToken cancellationToken)
    {
        try
        {
            await RunAsync("health check", null, null, async connection =>
            {
                await using var command = connection.CreateCommand();
                command.CommandText = "SELECT 1 FROM documents LIMIT 1";
                return await command.ExecuteScalarAsync(cancellationToken);
            }, cancellationToken);
            return new StoreHealth(true, Kind, Path);
        }
        catch (StoreUnavailableException e)
        {
            return new StoreHealth(false, Kind, e.Message);
        }
    }

    /// <summary>
    /// Copies what it can of the write-ahead log into the file without waiting for, or holding
    /// up, the writer or readers (SQLite's PASSIVE checkpoint), on a connection of its own.
    /// <see cref="SqliteCheckpointer"/> calls it several times a second, so the writer, which
    /// would otherwise checkpoint every 1,000 pages itself while every other write queued behind
    /// it, only does so when the log has grown far beyond that. Once the log is past
    /// <see cref="RestartLogFrames"/> and all copied, it is also restarted (see <see cref="RestartLogAsync"/>).
    /// </summary>
    public async Task<WalCheckpoint> CheckpointAsync(CancellationToken cancellationToken)
    {
        await InitializeAsync(cancellationToken);
        await _checkpointGate.WaitAsync(cancellationToken);
        try
        {
            return await GuardAsync("checkpoint", null, null, async () =>
            {
                try
                {
                    _checkpointConnection ??= await OpenCheckpointConnectionAsync(cancellationToken);
                    var done = await RunCheckpointAsync(_checkpointConnection, "PASSIVE", cancellationToken);
                    if (done.LogFrames < RestartLogFrames || done.CheckpointedFrames != done.LogFrames)
                        return done;
                    // Once more, outside the gate: what was committed during the first is copied now, so the restart copies little.
                    var again = await RunCheckpointAsync(_checkpointConnection, "PASSIVE", cancellationToken);
                    if (again.CheckpointedFrames != again.LogFrames)
                        return again;
                    // The restart syncs the log and the file while the writer waits, and a sync writes every dirty page of its
                    // file: the passive checkpoints leave the file's pages unsynced until one of them copies the whole log, which
                    // under load none does. So the file is synced here, and what was committed meanwhile copied and synced too:
                    // the restart then copies and syncs only the last few milliseconds' commits (PERFORMANCE.md, "Twenty-ninth
                    // session": the writer held about 20 ms instead of 30).
                    DataFileFlush.TryFlush(_checkpointConnection);
                    var last = await RunCheckpointAsync(_checkpointConnection, "PASSIVE", cancellationToken);
                    if (last.CheckpointedFrames != last.LogFrames)
                        return last;
                    DataFileFlush.TryFlush(_checkpointConnection);
                    return await RestartLogAsync(_checkpointConnection, cancellationToken) is { } restarted ? restarted : last;
                }
                catch
                {
                    _checkpointConnection?.Dispose();
                    _checkpointConnection = null;
                    throw;
                }
            });
        }
        finally
        {
            _checkpointGate.Release();
        }
    }

    /// <summary>
    /// Past this many frames (64 MiB) a complete checkpoint also restarts the log. The writer restarts it by itself
    /// only when no reader is inside the log at its first commit after a complete checkpoint, which under steady load
    /// is seldom: the log then grew to <see cref="SqliteSchema.WriterCheckpointPages"/> and the commit of a command someone
    /// waited for ran the writer's own checkpoint, 10–25 ms (PERFORMANCE.md, "The log that never restarted").
    /// A restart holds the writer while it syncs (about 20 ms on a busy disk), so it is rare: at 2,000 reports a second
    /// the log grows by about 20,000 frames a second, and a restart every 2,000 frames held the writer a tenth of the
    /// time (PERFORMANCE.md, "The log restarted less often").
    /// </summary>
    internal int RestartLogFrames { get; set; } = 16_384;

    /// <summary>
    /// SQLite's RESTART checkpoint, under the write gate so that it never waits for the writer: it copies the few frames
    /// committed since the passive checkpoint and lets the next commit write from the start of the log. A reader still
    /// inside the log makes it give up at once (the connection's busy timeout is 0) rather than wait; the next tick tries again.
    /// </summary>
    /// <returns>What the checkpoint found, with <see cref="WalCheckpoint.Restarted"/> set; null if it gave up.</returns>
    private async Task<WalCheckpoint?> RestartLogAsync(SqliteConnection connection, CancellationToken cancellationToken)
    {
        await _writeGate.WaitAsync(urgent: false, cancellationToken);
        try
        {
            var done = await RunCheckpointAsync(connection, "RESTART", cancellationToken);
            return done.Busy ? null : done with { Restarted = true };
        }
        finally
        {
            _writeGate.Release();
        }
    }

    /// <summary>
    /// The checkpoints' own connection, kept open and not pooled, with a busy timeout of 0: a PASSIVE checkpoint never
    /// waits anyway, and a RESTART must give up rather than wait for a reader. A pooled reader must not inherit that.
    /// </summary>
    private Task<SqliteConnection> OpenCheckpointConnectionAsync(CancellationToken cancellationToken) =>
        OpenConnectionAsync(new SqliteConnectionStringBuilder(_connectionString) { Pooling = false }.ToString(), "PRAGMA busy_timeout = 0;", cancellationToken);

    private static async Task<WalCheckpoint> RunCheckpointAsync(SqliteConnection connection, string mode, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = $"PRAGMA wal_checkpoint({mode});";
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        await reader.ReadAsync(cancellationToken);
        return new WalCheckpoint(LogFrames: reader.GetInt32(1), CheckpointedFrames: reader.GetInt32(2)) { Busy = reader.GetInt32(0) != 0 };
    }

    /// <summary>
    /// A pooled connection for read-only work of other embedded-store features (trend aggregates),
    /// configured like the store's own; the caller disposes it. WAL lets it read beside the writer.
    /// </summary>
    internal async Task<SqliteConnection> OpenReadConnectionAsync(CancellationToken cancellationToken)
    {
        await InitializeAsync(cancellationToken);
        return await OpenConnectionAsync(cancellationToken);
    }

    /// <summary>Closes the pooled connections, so the file can be moved or reopened by another store.</summary>
    public void Dispose()
    {
        if (_isDisposed)
            return;
        _isDisposed = true;
        _writer.Dispose();
        _readers.Dispose();
        _checkpointConnection?.Dispose();
        using (var connection = new SqliteConnection(_connectionString))
            SqliteConnection.ClearPool(connection);
        _writeGate.Dispose();
        _initialization.Dispose();
        _checkpointGate.Dispose();
    }

    private async Task CreateSchemaAsync(CancellationToken cancellationToken)
    {
        await GuardAsync("initialize", null, null, async () =>
        {
            try
            {
                Directory.CreateDirectory(System.IO.Path.GetDirectoryName(Path)!);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                throw new StoreUnavailableException($"The embedded store cannot create the directory of {Path}: {e.Message}", e);
            }
            await using var connection = await OpenConnectionAsync(cancellationToken);
            try
            {
                await SqliteSchema.CreateAsync(connection, cancellationToken);
            }
            catch (InvalidOperationException e)
            {
                throw new StoreUnavailableException($"The embedded store at {Path} cannot be used: {e.Message}", e);
            }
            return true;
        });
        _logger.EmbeddedStoreOpened(Path, SqliteSchema.Version, SqliteLibrary.IsMemoryStatisticsOff, CoalescesLogWrites);
    }

    private async Task<TResult> WriteAsync<TResult>(
        string operation, string workspaceId, string id, Func<SqliteWriter, long, Task<TResult>> write, CancellationToken cancellationToken)
    {
        await InitializeAsync(cancellationToken);
        // The one writer holds everyone up: it runs at normal priority even when a background job asked for it.
        await JobThreads.LeaveAsync();
        await _writeGate.WaitAsync(WritePriority.IsUrgent, cancellationToken);
        try
        {
            return await GuardAsync(operation, workspaceId, id, () => WriteUnderGateAsync(write));
        }
        finally
        {
            _writeGate.Release();
        }
    }

    /// <summary>Runs <paramref name="write"/> on the open writer; the caller holds the write gate.</summary>
    private async Task<TResult> WriteUnderGateAsync<TResult>(Func<SqliteWriter, long, Task<TResult>> write)
    {
        // SQLite's calls are synchronous, so the write stays on this thread; if it ever moved, its CPU is not counted.
        var thread = Environment.CurrentManagedThreadId;
        var cpuAtStart = ThreadCpuClock.Now();
        try
        {
            // Not cancellable: a commit the writer has taken is written and answered, whoever stopped waiting.
            await _writer.OpenAsync(CancellationToken.None);
            var now = _clock.GetUtcNow();
            await PurgeExpiredIfDueAsync(_writer, now, CancellationToken.None);
            var result = await write(_writer, now.ToUnixTimeMilliseconds());
            Interlocked.Increment(ref _transactionsWritten);
            return result;
        }
        catch
        {
            // Rolls back whatever transaction is open, then closes the connection (SqliteWriter.Reset says why both).
            _writer.Reset();
            throw;
        }
        finally
        {
            if (Environment.CurrentManagedThreadId == thread)
                Interlocked.Add(ref _writerCpuNanoseconds, ThreadCpuClock.Now() - cpuAtStart);
        }
    }

    private async Task<TResult> RunAsync<TResult>(
        string operation, string? workspaceId, string? id, Func<SqliteConnection, Task<TResult>> work, CancellationToken cancellationToken)
    {
        await InitializeAsync(cancellationToken);
        return await GuardAsync(operation, workspaceId, id, async () =>
        {
            await using var connection = await OpenConnectionAsync(cancellationToken);
            return await work(connection);
        });
    }

    /// <summary>Turns SQLite's "cannot now" (locked past the busy timeout, disk full, file unreadable) into the port's exception.</summary>
    private async Task<TResult> GuardAsync<TResult>(string operation, string? workspaceId, string? id, Func<Task<TResult>> work)
    {
        try
        {
            return await work();
        }
        catch (SqliteException e) when (IsUnavailable(e))
        {
            throw Unavailable(operation, workspaceId, id, e);
        }
    }

    private StoreUnavailableException Unavailable(string operation, string? workspaceId, string? id, SqliteException e)
    {
        _logger.StoreUnavailable(operation, id, workspaceId, e.SqliteErrorCode, e);
        return new StoreUnavailableException($"The embedded store at {Path} refused {operation}: {e.Message}", e);
    }

    private Task<SqliteConnection> OpenConnectionAsync(CancellationToken cancellationToken) => OpenConnectionAsync(_connectionString, cancellationToken);

    private async Task<SqliteConnection> OpenConnectionAsync(string connectionString, CancellationToken cancellationToken)
    {
        ObjectDisposedException.ThrowIf(_isDisposed, this);
        var connection = new SqliteConnection(connectionString);
        try
        {
            await connection.OpenAsync(cancellationToken);
            await SqliteSchema.ConfigureConnectionAsync(connection, _busyTimeout, cancellationToken);
            return connection;
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }
    }

    /// <summary>
    /// The writer's connection keeps its temporary data in memory: the sub-journal of a group's savepoints and the
    /// statement journals of statements that fire triggers otherwise spill to files SQLite creates and unlinks in
    /// /var/tmp, about one every four declares (PERFORMANCE.md, issue 12). What it holds is bounded by the pages one
    /// transaction changes. Readers keep the default: a large sort (a trends query, an index build) may still spill.
    /// </summary>
    private async Task<SqliteConnection> OpenWriterConnectionAsync(CancellationToken cancellationToken)
    {
        var connection = await OpenConnectionAsync(_writerConnectionString, "PRAGMA temp_store = MEMORY;", cancellationToken);
        // Its writes keep the incident facts themselves (IncidentFactsUpkeep); every other connection keeps the triggers.
        SqliteWriter.SetTriggers(connection, enabled: false);
        return connection;
    }

    /// <summary>A connection configured like the store's own, then with one setting of its own.</summary>
    private async Task<SqliteConnection> OpenConnectionAsync(string connectionString, string setting, CancellationToken cancellationToken)
    {
        var connection = await OpenConnectionAsync(connectionString, cancellationToken);
        try
        {
            await using var command = connection.CreateCommand();
            command.CommandText = setting;
            await command.ExecuteNonQueryAsync(cancellationToken);
            return connection;
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }
    }

    private async Task PurgeExpiredIfDueAsync(SqliteWriter writer, DateTimeOffset now, CancellationToken cancellationToken)
    {
        if (now < _nextPurgeAt)
            return;
        _nextPurgeAt = now + PurgeInterval;
        var command = writer.Command("DELETE FROM documents WHERE expires_at IS NOT NULL AND expires_at <= $now");
        command.Parameters.AddWithValue("$now", now.ToUnixTimeMilliseconds());
        // Many rows of any type at once: the facts' triggers keep the facts here, as they do on every other connection.
        int purged;
        using (writer.WithTriggers())
            purged = await command.ExecuteNonQueryAsync(cancellationToken);
        if (purged > 0)
            _logger.ExpiredDocumentsPurged(purged);
    }

    private long NowMilliseconds() => _clock.GetUtcNow().ToUnixTimeMilliseconds();

    private static Versioned<T> Materialize<T>(SqliteDataReader reader)
        where T : class, IDocument =>
        DocumentRules.Materialize<T>(reader.GetFieldValue<byte[]>(0), reader.GetString(1));

    /// <summary>Quoted, like the ETags Cosmos DB returns, so callers never depend on the store behind the port.</summary>
    // One string, not the id's and then the quoted copy: every write makes one.
    private static string NewETag() => string.Create(38, UniqueIds.Next(), static (text, id) =>
    {
        text[0] = '"';
        id.TryFormat(text[1..], out _, "D");
        text[^1] = '"';
    });

    private static bool IsUnavailable(SqliteException e) => e.SqliteErrorCode is
        3 /* PERM */ or 5 /* BUSY */ or 6 /* LOCKED */ or 8 /* READONLY */ or 10 /* IOERR */ or 11 /* CORRUPT */
        or 13 /* FULL */ or 14 /* CANTOPEN */ or 15 /* PROTOCOL */ or 26 /* NOTADB */;

    private enum Outcome
    {
        Done,
        Missing,
        Exists,
        Conflict,
    }
}
