using System.Buffers.Binary;
using IncidentBot.Dialogs.ActionItems;
using IncidentBot.Dialogs.Incidents;
using IncidentBot.Dialogs.PostMortems;
using IncidentBot.Dialogs.Storage;
using IncidentBot.IntegrationTests.Builders;
using IncidentBot.IntegrationTests.Trends;
using IncidentBot.Storage.Embedded;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Time.Testing;

namespace IncidentBot.IntegrationTests.Storage;

/// <summary>
/// Schema 5: an incident's number, open flag and channel (and the open flag of action items and post-mortems) are columns
/// of their own, filled by the store on every write, indexed instead of the body, and added to an older file at start-up.
/// </summary>
public sealed class SqliteMemberColumnsTests : IDisposable
{
    private const string Workspace = "T0COLUMNS";
    private readonly SqliteStoreFile _file = new();
    private readonly FakeTimeProvider _clock = new(IncidentBuilder.DefaultDeclaredAt);
    private readonly CancellationTokenSource _timeout = new(TimeSpan.FromSeconds(60));

    private CancellationToken Cancellation => _timeout.Token;

    [Fact]
    public async Task The_columns_follow_the_body_through_create_replace_and_upsert()
    {
        using var store = _file.Open(_clock);
        var incident = new IncidentBuilder().InWorkspace(Workspace).WithNumber(7).Build();
        var etag = await store.CreateAsync(incident, Cancellation);
        Assert.Equal((7L, 1L, null), await ColumnsAsync(incident.Id));

        etag = await store.ReplaceAsync(incident with { Title = "Renamed" }, etag, Cancellation);
        Assert.Equal((7L, 1L, null), await ColumnsAsync(incident.Id));
        etag = await store.ReplaceAsync(incident with { Channel = new ChannelId("C0SEVEN") }, etag, Cancellation);
        Assert.Equal((7L, 1L, "C0SEVEN"), await ColumnsAsync(incident.Id));
        Assert.Equal([7], await NumbersAsync(store, Incidents().WhereEquals(Incident.Paths.Channel, new ChannelId("C0SEVEN"))));

        var closed = new IncidentBuilder().InWorkspace(Workspace).WithNumber(7).WithChannel(new ChannelId("C0SEVEN")).WithStatus(IncidentStatus.Closed).Build();
        await store.ReplaceAsync(closed, etag, Cancellation);
        Assert.Equal((7L, 0L, "C0SEVEN"), await ColumnsAsync(incident.Id));
        Assert.Empty(await NumbersAsync(store, Incidents().WhereEquals(Incident.Paths.IsOpen, true)));

        await store.UpsertAsync(closed with { Channel = new ChannelId("C0MOVED") }, Cancellation);
        Assert.Equal((7L, 0L, "C0MOVED"), await ColumnsAsync(incident.Id));
        await store.UpsertAsync(closed with { Title = "Again", Channel = new ChannelId("C0MOVED") }, Cancellation);
        Assert.Equal("Again", (await store.ReadAsync<Incident>(Workspace, incident.Id, Cancellation))!.Value.Title);
        Assert.Empty(await NumbersAsync(store, Incidents().WhereEquals(Incident.Paths.Channel, new ChannelId("C0SEVEN"))));
        Assert.Equal([7], await NumbersAsync(store, Incidents().WhereEquals(Incident.Paths.Channel, new ChannelId("C0MOVED"))));

        var item = NewActionItem(7, 1);
        var itemETag = await store.CreateAsync(item, Cancellation);
        Assert.Equal((null, 1L, null), await ColumnsAsync(item.Id));
        await store.ReplaceAsync(item with { Status = ActionItemStatus.Done }, itemETag, Cancellation);
        Assert.Equal((null, 0L, null), await ColumnsAsync(item.Id));
        var event1 = new TimelineEvent
        {
            Id = TimelineEvent.IdFor(7, 1), WorkspaceId = Workspace, IncidentNumber = 7, At = incident.DeclaredAt,
            Actor = incident.Reporter, Kind = TimelineKind.Declared, Version = 1, Text = "declared",
        };
        await store.CreateAsync(event1, Cancellation);
        Assert.Equal((null, null, null), await ColumnsAsync(event1.Id));
        Assert.Equal(0L, await ScalarAsync(_file.Path, ColumnsDisagreeSql));
    }

    // Statements of a type without columns leave them out; one that changes the type to or from such a type sets them.
    [Fact]
    public async Task A_document_whose_type_changes_has_the_columns_of_its_new_type()
    {
        using var store = _file.Open(_clock);
        var etag = await store.CreateAsync(new Typed("doc-1", Other, Incident.DocumentType, 99), Cancellation);
        Assert.Equal((99L, null, null), await ColumnsAsync("doc-1", Other));

        etag = await store.ReplaceAsync(new Typed("doc-1", Other, "other-kind", 99), etag, Cancellation);
        Assert.Equal((null, null, null), await ColumnsAsync("doc-1", Other));
        await store.ReplaceAsync(new Typed("doc-1", Other, "other-kind", 98), etag, Cancellation);
        await store.UpsertAsync(new Typed("doc-1", Other, Incident.DocumentType, 97), Cancellation);
        Assert.Equal((97L, null, null), await ColumnsAsync("doc-1", Other));
        await store.UpsertAsync(new Typed("doc-1", Other, "other-kind", 96), Cancellation);
        Assert.Equal((null, null, null), await ColumnsAsync("doc-1", Other));
        Assert.Equal(0L, await ScalarAsync(_file.Path, ColumnsDisagreeSql));
    }

    private const string Other = "T0RETYPED";

    private sealed record Typed(string Id, string WorkspaceId, string Type, int Number) : IDocument;

    // A replace that keeps number, open flag and channel names none of them in its SET, so SQLite leaves their index
    // entries alone: the index's one page (a small file) is not among the pages the write put in the log.
    [Fact]
    public async Task A_replace_that_keeps_the_members_writes_no_page_of_their_indexes()
    {
        using var store = _file.Open(_clock);
        var incident = new IncidentBuilder().InWorkspace(Workspace).WithNumber(3).WithChannel(new ChannelId("C0THREE")).Build();
        var etag = await store.CreateAsync(incident, Cancellation);
        await store.CreateAsync(NewActionItem(3, 1), Cancellation);
        var roots = new Dictionary<string, long>(StringComparer.Ordinal);
        foreach (var index in new[] { "ix_documents_number", "ix_documents_is_open", "ix_documents_channel", "documents" })
            roots[index] = (long)(await ScalarAsync(_file.Path, $"SELECT rootpage FROM sqlite_master WHERE name = '{index}'"))!;

        var written = await PagesWrittenByAsync(() => store.ReplaceAsync(incident with { Title = "Renamed", Version = 2 }, etag, Cancellation));

        Assert.Contains(roots["documents"], written); // the method sees the write: the table's one page
        Assert.DoesNotContain(roots["ix_documents_number"], written);
        Assert.DoesNotContain(roots["ix_documents_is_open"], written);
        Assert.DoesNotContain(roots["ix_documents_channel"], written);

        etag = (await store.ReadAsync<Incident>(Workspace, incident.Id, Cancellation))!.ETag;
        written = await PagesWrittenByAsync(() => store.ReplaceAsync(incident with { Channel = new ChannelId("C0MOVED"), Version = 3 }, etag, Cancellation));

        Assert.Contains(roots["ix_documents_channel"], written); // a changed member is written, with the others (one SET names them all)
        Assert.Equal([3], await NumbersAsync(store, Incidents().WhereEquals(Incident.Paths.Channel, new ChannelId("C0MOVED"))));
    }

    [Fact]
    public async Task A_schema_4_file_gets_the_columns_at_start_up_finds_every_incident_as_before_and_keeps_its_facts()
    {
        using (var store = _file.Open(_clock))
        {
            await TrendDataSet.SeedAsync(store, Workspace, Cancellation);
            await store.UpsertAsync(new IncidentBuilder().InWorkspace(Workspace).WithNumber(20).WithChannel(new ChannelId("C0TWENTY")).Build(), Cancellation);
            await store.UpsertAsync(new IncidentBuilder().InWorkspace(Workspace).WithNumber(21).WithChannel(new ChannelId("C0CLOSED"))
                .WithStatus(IncidentStatus.Closed).Build(), Cancellation);
            await store.UpsertAsync(NewActionItem(20, 1), Cancellation);
            await store.UpsertAsync(NewActionItem(20, 2) with { Status = ActionItemStatus.Done }, Cancellation);
            await store.UpsertAsync(new PostMortem { WorkspaceId = Workspace, IncidentNumber = 21, Owner = new UserId("U1"), Status = PostMortemStatus.Due }, Cancellation);
        }
        List<(int Number, string? Channel, bool IsOpen)> expected;
        using (var store = _file.Open(_clock))
            expected = await store.QueryAsync<Incident>(Incidents(), Cancellation).Select(i => (i.Value.Number, i.Value.Channel?.Value, i.Value.IsOpen))
                .OrderBy(i => i.Number).ToListAsync(Cancellation);
        await ScalarAsync(_file.Path, Schema4.Downgrade);
        // A facts row changed by hand: any trigger that fired on the upgrade's UPDATE would write it back from the body.
        await ScalarAsync(_file.Path, "UPDATE incident_facts SET title = 'kept as it was' WHERE number = 20");
        var facts = await FactsAsync();
        Assert.Equal(4L, await ScalarAsync(_file.Path, "PRAGMA user_version"));
        Assert.Equal(0L, await ScalarAsync(_file.Path, "SELECT COUNT(*) FROM pragma_table_info('documents') WHERE name IN ('number', 'is_open', 'channel')"));

        using (var store = _file.Open(_clock))
        {
            foreach (var (number, channel, isOpen) in expected)
            {
                Assert.Equal([number], await NumbersAsync(store, Incidents().WhereEquals(Incident.Paths.Number, number)));
                if (channel is not null)
                    Assert.Equal([number], await NumbersAsync(store, Incidents().WhereEquals(Incident.Paths.Channel, new ChannelId(channel))));
            }
            Assert.Equal(expected.Where(i => i.IsOpen).Select(i => i.Number).OrderDescending(),
                await NumbersAsync(store, Incidents().WhereEquals(Incident.Paths.IsOpen, true).OrderedBy(Incident.Paths.Number, descending: true)));
            Assert.Equal(expected.Where(i => !i.IsOpen).Select(i => i.Number).OrderDescending(),
                await NumbersAsync(store, Incidents().WhereEquals(Incident.Paths.IsOpen, false).OrderedBy(Incident.Paths.Number, descending: true)));
            Assert.Equal([1], await store.QueryAsync<ActionItem>(new DocumentQuery(Workspace, ActionItem.DocumentType).WhereEquals(ActionItem.Paths.IsOpen, true), Cancellation)
                .Select(a => a.Value.Sequence).ToListAsync(Cancellation));
            Assert.Equal(1, await store.CountAsync(new DocumentQuery(Workspace, PostMortem.DocumentType).WhereEquals(ActionItem.Paths.IsOpen, true), Cancellation));
            Assert.Equal(facts, await FactsAsync());

            // The triggers are back: a replace of the incident writes its facts row again.
            var twenty = (await store.ReadAsync<Incident>(Workspace, new IncidentNumber(20).DocumentId, Cancellation))!;
            await store.ReplaceAsync(twenty.Value with { Title = "Renamed after the upgrade" }, twenty.ETag, Cancellation);
        }

        Assert.Equal((long)SqliteSchema.Version, await ScalarAsync(_file.Path, "PRAGMA user_version"));
        Assert.Equal("Renamed after the upgrade", await ScalarAsync(_file.Path, "SELECT title FROM incident_facts WHERE number = 20"));
        Assert.Equal(0L, await ScalarAsync(_file.Path, ColumnsDisagreeSql));
        Assert.Equal(0L, await ScalarAsync(_file.Path, """
            SELECT COUNT(*) FROM sqlite_master WHERE name IN ('ix_documents_number', 'ix_documents_is_open', 'ix_documents_channel') AND sql LIKE '%json_extract%'
            """));
        Assert.Equal(7L, await ScalarAsync(_file.Path, "SELECT COUNT(*) FROM sqlite_master WHERE type = 'trigger' AND name LIKE 'incident_facts_%'"));
        Assert.Equal("ok", await ScalarAsync(_file.Path, "PRAGMA integrity_check"));
    }

    [Fact]
    public async Task A_file_of_a_newer_schema_is_refused()
    {
        using (var store = _file.Open(_clock))
            await store.InitializeAsync(Cancellation);
        await ScalarAsync(_file.Path, $"PRAGMA user_version = {SqliteSchema.Version + 1}");

        using var newer = _file.Open(_clock);
        var refused = await Assert.ThrowsAsync<StoreUnavailableException>(() => newer.InitializeAsync(Cancellation));
        Assert.Contains($"storage schema {SqliteSchema.Version + 1}", refused.Message, StringComparison.Ordinal);
    }

    /// <summary>Rows of the column types whose columns are not what json_extract of their body gives.</summary>
    private const string ColumnsDisagreeSql = """
        SELECT COUNT(*) FROM documents WHERE
            (type IN ('incident', 'action-item', 'postmortem')
             AND (number IS NOT json_extract(body, '$.number') OR is_open IS NOT json_extract(body, '$.isOpen') OR channel IS NOT json_extract(body, '$.channel')))
            OR (type NOT IN ('incident', 'action-item', 'postmortem') AND (number IS NOT NULL OR is_open IS NOT NULL OR channel IS NOT NULL))
        """;

    /// <summary>
    /// Schema 4 (main at fb86dfa): the three members only in the body, their indexes on json_extract of it. Its triggers are
    /// the ones of today's <see cref="IncidentFacts"/>, made again after the columns go (schema 5 did not change them).
    /// </summary>
    private static class Schema4
    {
        public static readonly string Downgrade = IncidentFacts.DropTriggersSql + """
            DROP INDEX ix_documents_number;
            DROP INDEX ix_documents_is_open;
            DROP INDEX ix_documents_channel;
            ALTER TABLE documents DROP COLUMN number;
            ALTER TABLE documents DROP COLUMN is_open;
            ALTER TABLE documents DROP COLUMN channel;
            CREATE INDEX ix_documents_number
                ON documents (workspace_id, type, json_extract(body, '$.number'), id) WHERE type = 'incident';
            CREATE INDEX ix_documents_is_open
                ON documents (workspace_id, type, json_extract(body, '$.isOpen'), json_extract(body, '$.number'), id)
                WHERE type = 'incident' OR type = 'action-item' OR type = 'postmortem';
            CREATE INDEX ix_documents_channel
                ON documents (workspace_id, type, json_extract(body, '$.channel'), id) WHERE type = 'incident';
            PRAGMA user_version = 4;

            """ + IncidentFacts.CreateSql;
    }

    private static ActionItem NewActionItem(int incident, int sequence) => new()
    {
        WorkspaceId = Workspace, IncidentNumber = incident, Sequence = sequence, Text = "Take the video down",
        Owner = new UserId("U1"), CreatedBy = new UserId("U2"), CreatedAt = IncidentBuilder.DefaultDeclaredAt,
    };

    private static DocumentQuery Incidents() => new(Workspace, Incident.DocumentType);

    private async Task<List<int>> NumbersAsync(SqliteDocumentStore store, DocumentQuery query) =>
        await store.QueryAsync<Incident>(query, Cancellation).Select(i => i.Value.Number).ToListAsync(Cancellation);

    private async Task<(long?, long?, string?)> ColumnsAsync(string id, string workspace = Workspace)
    {
        await using var connection = await OpenAsync(_file.Path);
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT number, is_open, channel FROM documents WHERE workspace_id = $w AND id = $id";
        command.Parameters.AddWithValue("$w", workspace);
        command.Parameters.AddWithValue("$id", id);
        await using var reader = await command.ExecuteReaderAsync(Cancellation);
        Assert.True(await reader.ReadAsync(Cancellation));
        return (reader.IsDBNull(0) ? null : reader.GetInt64(0), reader.IsDBNull(1) ? null : reader.GetInt64(1), reader.IsDBNull(2) ? null : reader.GetString(2));
    }

    /// <summary>Every facts row, every column, as text.</summary>
    private async Task<List<string>> FactsAsync()
    {
        await using var connection = await OpenAsync(_file.Path);
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT * FROM incident_facts ORDER BY workspace_id, number";
        await using var reader = await command.ExecuteReaderAsync(Cancellation);
        var rows = new List<string>();
        while (await reader.ReadAsync(Cancellation))
            rows.Add(string.Join("|", Enumerable.Range(0, reader.FieldCount).Select(i => reader.IsDBNull(i) ? "NULL" : Convert.ToString(reader.GetValue(i), System.Globalization.CultureInfo.InvariantCulture))));
        Assert.NotEmpty(rows);
        return rows;
    }

    /// <summary>
    /// The page numbers of the log frames <paramref name="write"/> adds: the log is emptied first (a TRUNCATE checkpoint, no
    /// reader holding it), so every frame after it is the write's. A frame is a 24-byte header, page number first, and a page.
    /// </summary>
    private async Task<HashSet<long>> PagesWrittenByAsync(Func<Task> write)
    {
        Assert.Equal(0L, await ScalarAsync(_file.Path, "PRAGMA wal_checkpoint(TRUNCATE)")); // 0: not blocked
        await write();
        var pageSize = (int)(long)(await ScalarAsync(_file.Path, "PRAGMA page_size"))!;
        byte[] log;
        await using (var wal = new FileStream(_file.Path + "-wal", FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete))
        {
            log = new byte[wal.Length];
            await wal.ReadExactlyAsync(log, Cancellation);
        }
        var pages = new HashSet<long>();
        for (var frame = 32; frame + 24 + pageSize <= log.Length; frame += 24 + pageSize)
            pages.Add(BinaryPrimitives.ReadUInt32BigEndian(log.AsSpan(frame, 4)));
        Assert.NotEmpty(pages);
        return pages;
    }

    private async Task<SqliteConnection> OpenAsync(string path)
    {
        var connection = new SqliteConnection($"Data Source={path};Pooling=False");
        await connection.OpenAsync(Cancellation);
        return connection;
    }

    private async Task<object?> ScalarAsync(string path, string sql)
    {
        await using var connection = await OpenAsync(path);
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        return await command.ExecuteScalarAsync(Cancellation);
    }

    public void Dispose()
    {
        _timeout.Dispose();
        _file.Dispose();
    }
}
