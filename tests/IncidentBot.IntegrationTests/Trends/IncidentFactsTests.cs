using System.Text.Json;
using IncidentBot.Dialogs.Incidents;
using IncidentBot.Dialogs.Storage;
using IncidentBot.Dialogs.Trends;
using IncidentBot.IntegrationTests.Builders;
using IncidentBot.IntegrationTests.Storage;
using IncidentBot.Storage.Embedded;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Time.Testing;

namespace IncidentBot.IntegrationTests.Trends;

/// <summary>
/// The embedded store's per-incident facts (<see cref="IncidentFacts"/>): kept in step by its triggers
/// on every write, equal to a rebuild from the documents, built when a schema 1 file is opened; and the
/// export read from them equals the export read from the documents.
/// </summary>
public sealed class IncidentFactsTests : IDisposable
{
    private readonly SqliteStoreFile _file = new();
    private readonly FakeTimeProvider _clock = new(TrendDataSet.Now);
    private readonly CancellationTokenSource _timeout = new(TimeSpan.FromSeconds(60));
    private readonly string _workspace = "T" + Guid.NewGuid().ToString("N")[..12].ToUpperInvariant();

    private CancellationToken Cancellation => _timeout.Token;

    [Fact]
    public async Task Facts_follow_declare_lead_page_clock_resolve_and_delete_and_equal_a_rebuild()
    {
        using var store = _file.Open(_clock);
        await TrendDataSet.SeedAsync(store, _workspace, Cancellation);
        Assert.Equal(((long?)5400, (long?)null), await AcknowledgeAndResolveAsync(2)); // first report 07:00, acknowledged 08:30, not resolved

        // A lead assigned at 08:10 is earlier than the acknowledgement: it becomes the time to acknowledge.
        await store.UpsertAsync(new TimelineEvent
        {
            Id = TimelineEvent.IdFor(2, 9), WorkspaceId = _workspace, IncidentNumber = 2, At = TrendDataSet.At(4, 8, 10),
            Actor = new UserId("U0REPORTER"), Kind = TimelineKind.RoleAssigned, Version = 9, Text = "lead", To = "U7",
        }, Cancellation);
        var incident = (await store.ReadAsync<Incident>(_workspace, "inc-2", Cancellation))!;
        await store.ReplaceAsync(incident.Value with { Status = IncidentStatus.Resolved, ResolvedAt = TrendDataSet.At(4, 10, 0) }, incident.ETag, Cancellation);
        Assert.Equal(((long?)4200, (long?)10800), await AcknowledgeAndResolveAsync(2));

        // Its page deleted, a clock added, incident 3 deleted.
        Assert.Equal(1, await ScalarAsync("SELECT pages_sent FROM incident_facts WHERE workspace_id = $w AND number = 2"));
        await store.DeleteAsync(_workspace, "p2", null, Cancellation);
        await store.UpsertAsync(new Dialogs.Clocks.Clock
        {
            WorkspaceId = _workspace, IncidentNumber = 2, Name = "np-regulator", Window = TimeSpan.FromHours(1),
            StartedAt = TrendDataSet.At(4, 7, 0), RecordedAt = TrendDataSet.At(4, 7, 0),
        }, Cancellation);
        await store.DeleteAsync(_workspace, "inc-3", null, Cancellation);
        Assert.Equal(0, await ScalarAsync("SELECT pages_sent FROM incident_facts WHERE workspace_id = $w AND number = 2"));
        Assert.Equal(0, await ScalarAsync("SELECT COUNT(*) FROM incident_facts WHERE workspace_id = $w AND number = 3"));
        Assert.Equal(["np-regulator", "partner-response"],
            JsonSerializer.Deserialize<string[]>(await TextAsync("SELECT regimes FROM incident_facts WHERE workspace_id = $w AND number = 2"))!.Order());

        var kept = await AllFactsAsync();
        await ExecuteAsync(IncidentFacts.RebuildSql);
        Assert.Equal(4, kept.Count);
        Assert.Equal(kept, await AllFactsAsync());
    }

    // An incident replaced with the same number and declaration time updates its row in place (store13); any other
    // replace deletes and inserts it. Either way the row keeps its lead, pages and clocks, as a rebuild finds them.
    [Fact]
    public async Task An_incident_replaced_in_place_or_with_another_declaration_time_keeps_the_facts_of_its_other_documents()
    {
        using var store = _file.Open(_clock);
        await TrendDataSet.SeedAsync(store, _workspace, Cancellation);
        await store.UpsertAsync(new TimelineEvent
        {
            Id = TimelineEvent.IdFor(2, 9), WorkspaceId = _workspace, IncidentNumber = 2, At = TrendDataSet.At(4, 8, 10),
            Actor = new UserId("U0REPORTER"), Kind = TimelineKind.RoleAssigned, Version = 9, Text = "lead", To = "U7",
        }, Cancellation);
        var before = await TextAsync("SELECT lead_at || '|' || pages_sent || '|' || regimes FROM incident_facts WHERE workspace_id = $w AND number = 2");

        var incident = (await store.ReadAsync<Incident>(_workspace, "inc-2", Cancellation))!;
        var etag = await store.ReplaceAsync(incident.Value with { ReportCount = incident.Value.ReportCount + 5, Severity = Severity.Sev1 }, incident.ETag, Cancellation);
        Assert.Equal(before, await TextAsync("SELECT lead_at || '|' || pages_sent || '|' || regimes FROM incident_facts WHERE workspace_id = $w AND number = 2"));
        Assert.Equal("sev1", await TextAsync("SELECT severity FROM incident_facts WHERE workspace_id = $w AND number = 2"));
        var inPlace = await AllFactsAsync();
        await ExecuteAsync(IncidentFacts.RebuildSql);
        Assert.Equal(inPlace, await AllFactsAsync());

        var moved = (await store.ReadAsync<Incident>(_workspace, "inc-2", Cancellation))!;
        Assert.Equal(etag, moved.ETag);
        await store.ReplaceAsync(moved.Value with { DeclaredAt = moved.Value.DeclaredAt.AddMinutes(-30) }, moved.ETag, Cancellation);
        Assert.Equal(before, await TextAsync("SELECT lead_at || '|' || pages_sent || '|' || regimes FROM incident_facts WHERE workspace_id = $w AND number = 2"));
        Assert.Equal(1, await ScalarAsync("SELECT COUNT(*) FROM incident_facts WHERE workspace_id = $w AND number = 2"));
        var afterMove = await AllFactsAsync();
        Assert.NotEqual(inPlace, afterMove);
        await ExecuteAsync(IncidentFacts.RebuildSql);
        Assert.Equal(afterMove, await AllFactsAsync());
    }

    [Fact]
    public async Task A_schema_1_file_gets_its_facts_built_when_opened_and_gives_the_same_figures()
    {
        var query = new TrendQuery(_workspace, TrendDataSet.From, TrendDataSet.To, TrendCut.Market);
        string before;
        using (var store = _file.Open(_clock))
        {
            await TrendDataSet.SeedAsync(store, _workspace, Cancellation);
            before = JsonSerializer.Serialize(await new SqliteTrendStore(store, _clock).AggregateAsync(query, Cancellation));
        }
        // What a schema 1 file looks like: the documents and no facts.
        await ExecuteAsync("""
            DROP TRIGGER incident_facts_incident_inserted; DROP TRIGGER incident_facts_incident_updated; DROP TRIGGER incident_facts_incident_deleted;
            DROP TRIGGER incident_facts_related_inserted; DROP TRIGGER incident_facts_related_updated; DROP TRIGGER incident_facts_related_deleted;
            DROP TABLE incident_facts; PRAGMA user_version = 1;
            """);

        using (var reopened = _file.Open(_clock))
        {
            var after = JsonSerializer.Serialize(await new SqliteTrendStore(reopened, _clock).AggregateAsync(query, Cancellation));
            Assert.Equal(before, after);
        }
        Assert.Equal(5, await ScalarAsync("SELECT COUNT(*) FROM incident_facts WHERE workspace_id = $w"));
        Assert.Equal(SqliteSchema.Version, await ScalarAsync("PRAGMA user_version"));
    }

    // The writer's connection runs without triggers and keeps the facts itself (IncidentFactsUpkeep): a trigger of the
    // test's own never fires on its writes, except in the purge of expired documents, which runs with them; another
    // connection's writes still keep the facts through the triggers.
    [Fact]
    public async Task The_writer_keeps_the_facts_without_triggers_and_other_connections_keep_them_with_triggers()
    {
        using (var store = _file.Open(_clock))
            await store.InitializeAsync(Cancellation);
        await ExecuteAsync("""
            CREATE TABLE test_fired (what TEXT NOT NULL);
            CREATE TRIGGER test_fired_insert AFTER INSERT ON documents BEGIN INSERT INTO test_fired VALUES ('insert'); END;
            CREATE TRIGGER test_fired_delete AFTER DELETE ON documents BEGIN INSERT INTO test_fired VALUES ('delete'); END;
            """);

        using (var store = _file.Open(_clock))
        {
            await TrendDataSet.SeedAsync(store, _workspace, Cancellation);
            await store.DeleteAsync(_workspace, "inc-3", null, Cancellation);
            await store.CreateAsync(new Storage.SampleReceipt { Id = "receipt-1", WorkspaceId = _workspace, ExpiresAfter = TimeSpan.FromSeconds(30) }, Cancellation);
            _clock.Advance(TimeSpan.FromSeconds(61));
            await store.UpsertAsync(new IncidentBuilder().InWorkspace(_workspace).WithNumber(9).WithTitle("After the purge").Build(), Cancellation);
        }

        Assert.Equal(0, await ScalarAsync("SELECT COUNT(*) FROM test_fired WHERE what = 'insert'"));
        Assert.Equal(1, await ScalarAsync("SELECT COUNT(*) FROM test_fired WHERE what = 'delete'")); // the purged receipt
        Assert.Equal(0, await ScalarAsync("SELECT COUNT(*) FROM incident_facts WHERE workspace_id = $w AND number = 3"));
        Assert.Equal("After the purge", await TextAsync("SELECT title FROM incident_facts WHERE workspace_id = $w AND number = 9"));
        var kept = await AllFactsAsync();
        await ExecuteAsync(IncidentFacts.RebuildSql);
        Assert.Equal(kept, await AllFactsAsync());

        Assert.Equal(1, await ScalarAsync("SELECT pages_sent FROM incident_facts WHERE workspace_id = $w AND number = 2"));
        await ExecuteAsync("DELETE FROM documents WHERE workspace_id = $w AND id = 'p2'");
        Assert.Equal(0, await ScalarAsync("SELECT pages_sent FROM incident_facts WHERE workspace_id = $w AND number = 2"));
    }

    [Fact]
    public async Task The_export_from_the_facts_equals_the_export_from_the_documents_for_every_filter()
    {
        using var store = _file.Open(_clock);
        await TrendDataSet.SeedAsync(store, _workspace, Cancellation);
        await store.UpsertAsync(new IncidentBuilder().InWorkspace(_workspace).WithNumber(7).WithTitle("Minor's account, \"quoted\", a,b").Build()
            with { IsRestricted = true, Status = IncidentStatus.Closed, ClosedAt = TrendDataSet.At(3, 1, 0) }, Cancellation);
        var fromFacts = new SqliteIncidentExport(store, _clock);
        var fromDocuments = new IncidentExport(store, _clock);
        IncidentFilter[] filters =
        [
            new(), new() { OpenOnly = true }, new() { Status = IncidentStatus.Resolved }, new() { Severity = Severity.Sev1 },
            new() { Source = IncidentSource.Regulator }, new() { Market = "IN" }, new() { Language = "bho" }, new() { Limit = 2 },
        ];

        foreach (var filter in filters)
        {
            var expected = await RowsAsync(fromDocuments.ExportAsync(_workspace, filter, Cancellation));
            var actual = await RowsAsync(fromFacts.ExportAsync(_workspace, filter, Cancellation));
            Assert.NotEmpty(expected);
            Assert.Equal(expected, actual);
        }
        var all = await RowsAsync(fromFacts.ExportAsync(_workspace, new IncidentFilter(), Cancellation));
        Assert.Contains(TrendRedaction.Withheld, all[0], StringComparison.Ordinal); // INC-7, newest first
        Assert.Contains("\"ClocksMet\":1,\"ClocksBreached\":1", all.Single(r => r.Contains("\"Number\":1,", StringComparison.Ordinal)), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Every_fact_lookup_seeks_its_incident_by_number_in_an_index()
    {
        using (var store = _file.Open(_clock))
            await store.InitializeAsync(Cancellation);
        await using var connection = await OpenAsync();
        var statements = IncidentFacts.RebuildSql.Split(';', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries).Skip(2);

        foreach (var statement in statements)
        {
            await using var command = Command(connection, "EXPLAIN QUERY PLAN " + statement);
            await using var reader = await command.ExecuteReaderAsync(Cancellation);
            while (await reader.ReadAsync(Cancellation))
            {
                var step = reader.GetString(3);
                // A lookup of pages, clocks or lead assignments: workspace, type or role, and the incident number.
                if (step.StartsWith("SEARCH", StringComparison.Ordinal) && !step.Contains("incident_facts", StringComparison.Ordinal))
                    Assert.True(step.Split("=?").Length - 1 >= 3, $"{step} does not seek by incident number");
                Assert.False(step.StartsWith("SCAN documents", StringComparison.Ordinal), step);
            }
        }
    }

    private static async Task<List<string>> RowsAsync(IAsyncEnumerable<IncidentExportRow> rows)
    {
        var list = new List<string>();
        await foreach (var row in rows)
            list.Add(JsonSerializer.Serialize(row));
        return list;
    }

    private async Task<(long? Acknowledge, long? Resolve)> AcknowledgeAndResolveAsync(int number)
    {
        await using var connection = await OpenAsync();
        await using var command = Command(connection, "SELECT tta, ttr FROM incident_facts WHERE workspace_id = $w AND number = $n");
        command.Parameters.AddWithValue("$n", number);
        await using var reader = await command.ExecuteReaderAsync(Cancellation);
        Assert.True(await reader.ReadAsync(Cancellation));
        return (reader.IsDBNull(0) ? null : reader.GetInt64(0), reader.IsDBNull(1) ? null : reader.GetInt64(1));
    }

    private async Task<List<string>> AllFactsAsync()
    {
        await using var connection = await OpenAsync();
        await using var command = Command(connection, "SELECT * FROM incident_facts WHERE workspace_id = $w ORDER BY number");
        await using var reader = await command.ExecuteReaderAsync(Cancellation);
        var rows = new List<string>();
        while (await reader.ReadAsync(Cancellation))
        {
            var values = new object[reader.FieldCount];
            reader.GetValues(values);
            rows.Add(string.Join(" | ", values));
        }
        return rows;
    }

    private async Task<long> ScalarAsync(string sql)
    {
        await using var connection = await OpenAsync();
        await using var command = Command(connection, sql);
        return (long)(await command.ExecuteScalarAsync(Cancellation))!;
    }

    private async Task<string> TextAsync(string sql)
    {
        await using var connection = await OpenAsync();
        await using var command = Command(connection, sql);
        return (string)(await command.ExecuteScalarAsync(Cancellation))!;
    }

    private async Task ExecuteAsync(string sql)
    {
        await using var connection = await OpenAsync();
        await using var command = Command(connection, sql);
        await command.ExecuteNonQueryAsync(Cancellation);
    }

    private SqliteCommand Command(SqliteConnection connection, string sql)
    {
        var command = connection.CreateCommand();
        command.CommandText = sql;
        command.Parameters.AddWithValue("$w", _workspace);
        return command;
    }

    private async Task<SqliteConnection> OpenAsync()
    {
        var connection = new SqliteConnection($"Data Source={_file.Path};Pooling=False");
        await connection.OpenAsync(Cancellation);
        return connection;
    }

    public void Dispose()
    {
        _timeout.Dispose();
        _file.Dispose();
    }
}
