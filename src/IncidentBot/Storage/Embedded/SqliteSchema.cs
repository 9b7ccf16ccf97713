using System.Collections.Frozen;
using System.Globalization;
using System.Runtime.CompilerServices;
using IncidentBot.Dialogs.ActionItems;
using IncidentBot.Dialogs.Clocks;
using IncidentBot.Dialogs.Evidence;
using IncidentBot.Dialogs.Incidents;
using IncidentBot.Dialogs.Intake;
using IncidentBot.Dialogs.Paging;
using IncidentBot.Dialogs.PostMortems;
using IncidentBot.Dialogs.Storage;
using IncidentBot.Dialogs.Work;
using Microsoft.Data.Sqlite;

namespace IncidentBot.Storage.Embedded;

/// <summary>The one table of the embedded store, its indexes, and the per-connection settings.</summary>
internal static class SqliteSchema
{
    /// <summary>Kept in <c>PRAGMA user_version</c>; a file from a newer bot is refused rather than misread.</summary>
    public const int Version = 5;

    /// <summary>
    /// The types written with every change (a timeline event, a ledger entry, each report): since schema 4 they are not in
    /// ix_documents_type, whose leaf each of them dirtied per transaction (PERFORMANCE.md, store13). Each is in an index that
    /// leads with (workspace_id, type) — the incident number's or the ledger's — which serves its queries instead.
    /// </summary>
    public static readonly IReadOnlyDictionary<string, string> BulkTypeIndexes = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        [LedgerEntryDocument.DocumentType] = "ix_documents_incident_seq",
        [StoredReport.DocumentType] = "ix_documents_incident_number",
        [TimelineEvent.DocumentType] = "ix_documents_incident_number",
    };

    /// <summary>
    /// The WHERE of ix_documents_type. A query of another type adds this very term (DocumentQuerySql): SQLite uses a
    /// partial index only when the query's terms imply its WHERE, and an identical term does.
    /// </summary>
    public static readonly string NotBulkType =
        $"type NOT IN ({string.Join(", ", BulkTypeIndexes.Keys.Order(StringComparer.Ordinal).Select(type => $"'{type}'"))})";

    // The document types each expression index holds (schema 3): a row is written only to the indexes of its
    // type, not to all six with NULL keys. A query seeks one only when its type is among them (SQLite uses a
    // partial index only when the query's `type = '<literal>'` is one of the terms of the index's WHERE).
    private static readonly string[] IncidentTypes = [Incident.DocumentType];
    private static readonly string[] OpenTypes = [Incident.DocumentType, ActionItem.DocumentType, PostMortem.DocumentType];
    private static readonly string[] IncidentNumberTypes =
    [
        TimelineEvent.DocumentType, Clock.DocumentType, ActionItem.DocumentType, Page.DocumentType, StoredReport.DocumentType,
        ReportAttachmentChunk.DocumentType, DeclareReceipt.DocumentType,
    ];

    /// <summary>
    /// The types whose <c>number</c>, <c>isOpen</c> and <c>channel</c> are also columns of their own (schema 5; NULL for
    /// every other type): the incident's, and the open flag that action items and post-mortems share with it. An index on
    /// a json_extract of the body has its entry rewritten by every update of the body, key changed or not (PERFORMANCE.md,
    /// store13: a leaf of each of the three incident indexes per join); one on a column only when the SET names it, and the
    /// store names these only when their values change (<see cref="SqliteDocumentStore"/>, ApplyAsync).
    /// </summary>
    public static readonly FrozenSet<string> ColumnTypes = OpenTypes.ToFrozenSet(StringComparer.Ordinal);

    /// <summary>The body members held as columns (<see cref="ColumnTypes"/>), by document path name: the column's name.</summary>
    private static readonly FrozenDictionary<string, string> MemberColumns = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        [Incident.Paths.Number.Name] = "number",
        [Incident.Paths.IsOpen.Name] = "is_open",
        [Incident.Paths.Channel.Name] = "channel",
    }.ToFrozenDictionary(StringComparer.Ordinal);

    /// <summary>
    /// The column that holds <paramref name="path"/> for documents of <paramref name="type"/>, or null when it is only in
    /// the body. A column holds exactly what json_extract of the body gives, so a query may read either; an index serves the column.
    /// </summary>
    public static string? ColumnOf(DocumentPath path, string type) =>
        ColumnTypes.Contains(type) && MemberColumns.TryGetValue(path.Name, out var column) ? column : null;

    private static readonly string[] LedgerTypes = [LedgerEntryDocument.DocumentType];
    private static readonly string[] WorkTypes = [WorkItem.DocumentType];

    /// <summary>
    /// The document paths whose index follows (workspace_id, type) in <see cref="CreateSql"/>, each with the document
    /// types that index holds: an equality on one, in a query of one of those types, seeks it.
    /// </summary>
    public static readonly IReadOnlyList<(DocumentPath Path, IReadOnlyList<string> Types)> IndexedPathTypes =
    [
        (Incident.Paths.Number, IncidentTypes),
        (Incident.Paths.IsOpen, OpenTypes),
        (Incident.Paths.Channel, IncidentTypes),
        (TimelineEvent.Paths.IncidentNumber, [.. IncidentNumberTypes, .. LedgerTypes]),
        (WorkItem.Paths.DueAt, WorkTypes),
    ];

    /// <summary>The document paths whose index follows (workspace_id, type) in <see cref="CreateSql"/>.</summary>
    public static readonly DocumentPath[] IndexedPaths = [.. IndexedPathTypes.Select(indexed => indexed.Path)];

    // Read by the triggers and the trend figures (IncidentFacts, SqliteTrendStore), not by DocumentQuery.
    private static readonly DocumentPath EventText = DocumentPath.Of<TimelineEvent>(nameof(TimelineEvent.Text));
    private static readonly DocumentPath EventKind = DocumentPath.Of<TimelineEvent>(nameof(TimelineEvent.Kind));
    private static readonly DocumentPath PageAcknowledgedBy = DocumentPath.Of<Page>(nameof(Page.AcknowledgedBy));
    private static readonly DocumentPath PageTargets = DocumentPath.Of<Page>(nameof(Page.Targets));
    private static readonly DocumentPath ClockName = DocumentPath.Of<Clock>(nameof(Clock.Name));
    private static readonly DocumentPath ClockStartedAt = DocumentPath.Of<Clock>(nameof(Clock.StartedAt));
    private static readonly DocumentPath ClockWindow = DocumentPath.Of<Clock>(nameof(Clock.Window));
    private static readonly DocumentPath ClockMetAt = DocumentPath.Of<Clock>(nameof(Clock.MetAt));
    private static readonly DocumentPath ClockBreachedAt = DocumentPath.Of<Clock>(nameof(Clock.BreachedAt));
    private static readonly DocumentPath ClockPauses = DocumentPath.Of<Clock>(nameof(Clock.Pauses));

    /// <summary>
    /// Every document path an index of <see cref="CreateSql"/> holds, by the document type whose property it is
    /// (an index on <c>incidentNumber</c> serves every type that has one; the type named here is the one checked).
    /// </summary>
    public static IReadOnlyList<DocumentPath> IndexPaths { get; } =
    [
        .. IndexedPaths, TimelineEvent.Paths.At, LedgerEntryDocument.Paths.Seq,
        EventText, EventKind, PageAcknowledgedBy, PageTargets,
        ClockName, ClockStartedAt, ClockWindow, ClockMetAt, ClockBreachedAt, ClockPauses,
    ];

    // Each index leads with (workspace_id, type): every query is one workspace and one type. The trend
    // figures and the incident export read IncidentFacts (one row per incident, kept by triggers); the
    // partial indexes of role assignments, pages and clocks by incident serve its triggers, the page
    // load and the clock states. A partial index is only covering when it also holds the type column
    // (SQLite reads the body to check `type = 'clock'` otherwise), hence `type` in ix_documents_trend_clocks.
    // The expression and member-column indexes hold only the types that are sought by them (the WHERE of each).
    // number, is_open and channel have no declared type: no affinity, so each keeps the value json_extract gave
    // (ColumnTypes says why they are columns). Added last, so an older file gets them by ALTER TABLE in the same places.
    private static readonly string CreateSql = $"""
        CREATE TABLE IF NOT EXISTS documents (
            workspace_id TEXT NOT NULL,
            id           TEXT NOT NULL,
            type         TEXT NOT NULL,
            etag         TEXT NOT NULL,
            body         TEXT NOT NULL,
            expires_at   INTEGER NULL,
            number,
            is_open,
            channel,
            PRIMARY KEY (workspace_id, id)
        );
        CREATE INDEX IF NOT EXISTS ix_documents_type ON documents (workspace_id, type, id) WHERE {NotBulkType};
        CREATE INDEX IF NOT EXISTS ix_documents_expires_at ON documents (expires_at) WHERE expires_at IS NOT NULL;
        CREATE INDEX IF NOT EXISTS ix_documents_number ON documents (workspace_id, type, number, id) WHERE {OneOf(IncidentTypes)};
        CREATE INDEX IF NOT EXISTS ix_documents_is_open ON documents (workspace_id, type, is_open, number, id) WHERE {OneOf(OpenTypes)};
        CREATE INDEX IF NOT EXISTS ix_documents_channel ON documents (workspace_id, type, channel, id) WHERE {OneOf(IncidentTypes)};
        CREATE INDEX IF NOT EXISTS ix_documents_incident_number
            ON documents (workspace_id, type, {X(TimelineEvent.Paths.IncidentNumber)}, {X(TimelineEvent.Paths.At)}, id)
            WHERE {OneOf(IncidentNumberTypes)};
        CREATE INDEX IF NOT EXISTS ix_documents_incident_seq
            ON documents (workspace_id, type, {X(LedgerEntryDocument.Paths.IncidentNumber)}, {X(LedgerEntryDocument.Paths.Seq)}, id)
            WHERE {OneOf(LedgerTypes)};
        CREATE INDEX IF NOT EXISTS ix_documents_due_at
            ON documents (workspace_id, type, {X(WorkItem.Paths.DueAt)}, id) WHERE {OneOf(WorkTypes)};
        CREATE INDEX IF NOT EXISTS ix_documents_roles_by_incident
            ON documents (workspace_id, {X(EventText)}, {X(TimelineEvent.Paths.IncidentNumber)}, {X(TimelineEvent.Paths.At)})
            WHERE type = '{TimelineEvent.DocumentType}' AND {X(EventKind)} = 'roleAssigned';
        CREATE INDEX IF NOT EXISTS ix_documents_pages_by_incident
            ON documents (workspace_id, {X(Page.Paths.IncidentNumber)}, {X(PageAcknowledgedBy)}, {X(PageTargets)})
            WHERE type = '{Page.DocumentType}';
        DROP INDEX IF EXISTS ix_documents_incident_trends;
        DROP INDEX IF EXISTS ix_documents_clocks_by_incident;
        CREATE INDEX IF NOT EXISTS ix_documents_trend_clocks
            ON documents (workspace_id, type, {X(Clock.Paths.IncidentNumber)}, {X(ClockName)}, {X(ClockStartedAt)},
                {X(ClockWindow)}, {X(ClockMetAt)}, {X(ClockBreachedAt)}, {X(ClockPauses)})
            WHERE type = '{Clock.DocumentType}';
        """;

    public static async Task CreateAsync(SqliteConnection connection, CancellationToken cancellationToken)
    {
        var existing = Convert.ToInt32(await ScalarAsync(connection, "PRAGMA user_version;", cancellationToken), CultureInfo.InvariantCulture);
        if (existing > Version)
            throw new InvalidOperationException($"The file has storage schema {existing}; this build knows up to {Version}.");

        // WAL is a property of the file: readers never wait for the writer, and it survives reopening.
        await ScalarAsync(connection, "PRAGMA journal_mode = WAL;", cancellationToken);
        await using var transaction = (SqliteTransaction)await connection.BeginTransactionAsync(cancellationToken);
        if (existing is > 0 and < 4)
        {
            // Schema 3 made the expression indexes partial, schema 4 the type index: the full ones of an older file go,
            // CreateSql builds them again (one pass over the table; the freed pages go to the free list).
            await using var drop = connection.CreateCommand();
            drop.Transaction = transaction;
            drop.CommandText = (existing < 3 ? DropFullIndexesSql : "") + DropFullTypeIndexSql;
            await drop.ExecuteNonQueryAsync(cancellationToken);
        }
        await using (var columns = connection.CreateCommand())
        {
            // Schema 5 moved the incident's number, open flag and channel from expression indexes to columns; a file whose
            // table lacks them (schemas 1-4, whatever its user_version says) gets them here. The facts' triggers fire on any
            // UPDATE of documents: dropped first, so filling the columns does not rewrite every incident's facts (CreateSql
            // makes them again). The old indexes go before the fill, the new ones are built by CreateSql after it.
            columns.Transaction = transaction;
            columns.CommandText = LacksMemberColumnsSql;
            if (Convert.ToInt64(await columns.ExecuteScalarAsync(cancellationToken), CultureInfo.InvariantCulture) == 1)
            {
                columns.CommandText = IncidentFacts.DropTriggersSql + DropMemberIndexesSql + AddMemberColumnsSql;
                await columns.ExecuteNonQueryAsync(cancellationToken);
            }
        }
        await using (var split = connection.CreateCommand())
        {
            split.Transaction = transaction;
            split.CommandText = IncidentFacts.HasSplitUpdateTriggerSql;
            if (Convert.ToInt64(await split.ExecuteScalarAsync(cancellationToken), CultureInfo.InvariantCulture) == 0)
            {
                split.CommandText = IncidentFacts.SplitUpdateTriggerSql;
                await split.ExecuteNonQueryAsync(cancellationToken);
            }
        }
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

    /// <summary>
    /// A committing writer checkpoints the log itself only past this many pages (about 160 MB), well past the size at
    /// which <see cref="SqliteCheckpointer"/> restarts it off the write path (<see cref="SqliteDocumentStore"/>, RestartLogFrames).
    /// </summary>
    public const int WriterCheckpointPages = 40_000;

    /// <summary>
    /// Settings SQLite keeps per connection. A pooled connection keeps them between rents, so they are applied once
    /// per SQLite connection (and busy timeout), not on every open: three statements parsed for each query otherwise.
    /// </summary>
    public static async Task ConfigureConnectionAsync(SqliteConnection connection, TimeSpan busyTimeout, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(connection);
        var handle = connection.Handle;
        if (handle is not null && ConfiguredConnections.TryGetValue(handle, out var configured) && configured is TimeSpan timeout && timeout == busyTimeout)
            return;
        await using var command = connection.CreateCommand();
        // NORMAL in WAL mode: a power cut may lose the last commits, never corrupt the file; FULL costs an fsync per write.
        command.CommandText = string.Create(CultureInfo.InvariantCulture,
            $"PRAGMA synchronous = NORMAL; PRAGMA busy_timeout = {(long)busyTimeout.TotalMilliseconds}; PRAGMA wal_autocheckpoint = {WriterCheckpointPages};");
        await command.ExecuteNonQueryAsync(cancellationToken);
        if (handle is not null)
            ConfiguredConnections.AddOrUpdate(handle, busyTimeout);
    }

    /// <summary>The SQLite connections (pooled or not) <see cref="ConfigureConnectionAsync"/> has set up, with the busy timeout it set; a closed one drops out.</summary>
    private static readonly ConditionalWeakTable<SQLitePCL.sqlite3, object> ConfiguredConnections = new();

    private const string DropFullIndexesSql = """
        DROP INDEX IF EXISTS ix_documents_number;
        DROP INDEX IF EXISTS ix_documents_is_open;
        DROP INDEX IF EXISTS ix_documents_channel;
        DROP INDEX IF EXISTS ix_documents_incident_number;
        DROP INDEX IF EXISTS ix_documents_incident_seq;
        DROP INDEX IF EXISTS ix_documents_due_at;
        """;

    private const string DropFullTypeIndexSql = "DROP INDEX IF EXISTS ix_documents_type;";

    private const string LacksMemberColumnsSql = """
        SELECT EXISTS (SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'documents')
           AND NOT EXISTS (SELECT 1 FROM pragma_table_info('documents') WHERE name = 'channel')
        """;

    private const string DropMemberIndexesSql = """
        DROP INDEX IF EXISTS ix_documents_number;
        DROP INDEX IF EXISTS ix_documents_is_open;
        DROP INDEX IF EXISTS ix_documents_channel;
        """;

    /// <summary>The schema 4 → 5 columns, filled from the bodies of the types that have them (one pass over the table).</summary>
    private static readonly string AddMemberColumnsSql = $"""
        ALTER TABLE documents ADD COLUMN number;
        ALTER TABLE documents ADD COLUMN is_open;
        ALTER TABLE documents ADD COLUMN channel;
        UPDATE documents SET number = {X(Incident.Paths.Number)}, is_open = {X(Incident.Paths.IsOpen)}, channel = {X(Incident.Paths.Channel)}
        WHERE {OneOf(OpenTypes)};
        """;

    private static string X(DocumentPath path) => SqliteJson.Extract(path);

    // OR-connected equalities, not IN (...): SQLite's partial-index test matches a query term against the OR's terms.
    private static string OneOf(IEnumerable<string> types) => string.Join(" OR ", types.Select(SqliteJson.DocumentType));

    private static async Task<object?> ScalarAsync(SqliteConnection connection, string sql, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        return await command.ExecuteScalarAsync(cancellationToken);
    }
}
