using System.Text.Json;
using IncidentBot.Dashboard.Pages;
using IncidentBot.Dialogs.ActionItems;
using IncidentBot.Dialogs.Evidence;
using IncidentBot.Dialogs.Incidents;
using IncidentBot.Dialogs.Intake;
using IncidentBot.Dialogs.Paging;
using IncidentBot.Dialogs.PostMortems;
using IncidentBot.Dialogs.Storage;
using IncidentBot.Dialogs.Work;
using IncidentBot.IntegrationTests.Builders;
using IncidentBot.Storage;
using IncidentBot.Storage.Embedded;
using IncidentBot.Testing.Hosts;
using Microsoft.Data.Sqlite;

namespace IncidentBot.IntegrationTests.Storage;

/// <summary>The contract against the embedded file, and what only a file can get wrong.</summary>
public sealed class SqliteDocumentStoreTests(SqliteStoreFile file) : DocumentStoreContract, IClassFixture<SqliteStoreFile>
{
    protected override IDocumentStore CreateStore(TimeProvider clock) => file.Open(clock);

    [Fact]
    public async Task Documents_survive_closing_the_store_and_opening_the_file_again()
    {
        var incident = new IncidentBuilder().InWorkspace(NewWorkspaceId()).Build();
        string etag;
        using (var beforeRestart = file.Open(Clock))
            etag = await beforeRestart.CreateAsync(incident, Cancellation);

        using var afterRestart = file.Open(Clock);
        var read = await afterRestart.ReadAsync<Incident>(incident.WorkspaceId, incident.Id, Cancellation);

        Assert.Equal(etag, read!.ETag);
        Assert.Equal(incident.Title, read.Value.Title);
    }

    // A write of the same type leaves the type column out of its SET (store13); one that changes the type takes a second statement.
    [Fact]
    public async Task A_replace_or_upsert_that_changes_the_type_of_a_document_stores_the_new_type()
    {
        var workspace = NewWorkspaceId();
        var created = await Store.CreateAsync(new Retyped("doc-1", workspace, "first-kind", 1), Cancellation);

        var replaced = await Store.ReplaceAsync(new Retyped("doc-1", workspace, "second-kind", 2), created, Cancellation);
        await Assert.ThrowsAsync<DocumentConflictException>(() => Store.ReplaceAsync(new Retyped("doc-1", workspace, "third-kind", 3), created, Cancellation));
        Assert.Equal(0, await Store.CountAsync(new DocumentQuery(workspace, "first-kind"), Cancellation));
        Assert.Equal([2], await Store.QueryAsync<Retyped>(new DocumentQuery(workspace, "second-kind"), Cancellation).Select(d => d.Value.Rank).ToListAsync(Cancellation));
        Assert.Equal(replaced, (await Store.ReadAsync<Retyped>(workspace, "doc-1", Cancellation))!.ETag);

        await Store.UpsertAsync(new Retyped("doc-1", workspace, "third-kind", 4), Cancellation);
        await Store.UpsertAsync(new Retyped("doc-1", workspace, "third-kind", 5), Cancellation);
        Assert.Equal(0, await Store.CountAsync(new DocumentQuery(workspace, "second-kind"), Cancellation));
        Assert.Equal([5], await Store.QueryAsync<Retyped>(new DocumentQuery(workspace, "third-kind"), Cancellation).Select(d => d.Value.Rank).ToListAsync(Cancellation));
        Assert.Equal("third-kind", await RawScalarAsync("SELECT type FROM documents WHERE workspace_id = $w AND id = 'doc-1'", ("$w", workspace)));
    }

    private sealed record Retyped(string Id, string WorkspaceId, string Type, int Rank) : IDocument;

    // SQLite's allocation counts take one process-wide lock on every allocation, shared by the writer and every reader.
    [Fact]
    public async Task SQLite_keeps_no_allocation_counts_so_the_writer_and_the_readers_share_no_lock_for_them()
    {
        var workspace = NewWorkspaceId();
        var etag = await Store.CreateAsync(new SampleDocumentBuilder(workspace).WithId("counted").Build(), Cancellation);
        var read = await Store.ReadAsync<SampleDocument>(workspace, "counted", Cancellation);

        Assert.Equal(etag, read!.ETag);
        Assert.True(SqliteLibrary.IsMemoryStatisticsOff);
        Assert.Equal(0, SQLitePCL.raw.sqlite3_memory_used());
        // Fixed once SQLite has initialised: a later attempt to turn the counts back on is refused.
        Assert.Equal(SQLitePCL.raw.SQLITE_MISUSE, SQLitePCL.raw.sqlite3_config(SQLitePCL.raw.SQLITE_CONFIG_MEMSTATUS, 1));
    }

    [Fact]
    public async Task Two_stores_writing_one_file_at_once_lose_no_writes_and_leave_it_intact()
    {
        const int writersPerStore = 4, writesPerWriter = 25;
        var workspace = NewWorkspaceId();
        using var first = file.Open(Clock);
        using var second = file.Open(Clock);
        await first.CreateAsync(new SampleDocumentBuilder(workspace).WithId("counter").Build(), Cancellation);

        var writers = new[] { first, second }.SelectMany((store, s) => Enumerable.Range(0, writersPerStore)
            .Select(w => Task.Run(() => WriteManyAsync(store, workspace, $"s{s}w{w}", writesPerWriter))));
        await Task.WhenAll(writers);

        var total = 2 * writersPerStore * writesPerWriter;
        var counter = await first.ReadAsync<SampleDocument>(workspace, "counter", Cancellation);
        Assert.Equal(total, counter!.Value.Rank);
        Assert.Equal(total + 1, await second.CountAsync(new DocumentQuery(workspace, SampleDocument.DocumentType), Cancellation));
        Assert.Equal("ok", await RawScalarAsync("PRAGMA integrity_check"));
    }

    [Fact]
    public async Task Batches_committed_at_once_are_each_stored_or_refused_on_their_own()
    {
        var workspace = NewWorkspaceId();
        using var store = file.Open(Clock);
        await store.CreateAsync(new SampleDocumentBuilder(workspace).WithId("taken").Build(), Cancellation);

        // Many writers at once: a conflict must refuse its own batch only, and nothing of it may be stored.
        var commits = Enumerable.Range(0, 60).Select(b => Task.Run(async () =>
        {
            var batch = new DocumentBatch(workspace)
                .Create(new SampleDocumentBuilder(workspace).WithId($"b{b}-one").Build())
                .Create(new SampleDocumentBuilder(workspace).WithId($"b{b}-two").Build());
            if (b % 5 == 0)
                batch.Create(new SampleDocumentBuilder(workspace).WithId("taken").Build());
            try
            {
                await store.CommitAsync(batch, Cancellation);
                return (Batch: b, Stored: true);
            }
            catch (DocumentConflictException e) when (e.DocumentId == "taken")
            {
                return (Batch: b, Stored: false);
            }
        })).ToList();
        var outcomes = await Task.WhenAll(commits);

        Assert.All(outcomes, o => Assert.Equal(o.Batch % 5 != 0, o.Stored));
        foreach (var (batch, stored) in outcomes)
        {
            Assert.Equal(stored, await store.ReadAsync<SampleDocument>(workspace, $"b{batch}-one", Cancellation) is not null);
            Assert.Equal(stored, await store.ReadAsync<SampleDocument>(workspace, $"b{batch}-two", Cancellation) is not null);
        }
        Assert.Equal(1 + 48 * 2, await store.CountAsync(new DocumentQuery(workspace, SampleDocument.DocumentType), Cancellation));
    }

    // A restart holds the writer while it syncs, so below the threshold a complete checkpoint does not ask for one (the
    // writer may still start the log over by itself, for free, when no reader is inside it; PERFORMANCE.md, "The log
    // restarted less often").
    [Fact]
    public async Task A_checkpoint_copies_the_write_ahead_log_into_the_file_and_below_the_threshold_does_not_restart_it()
    {
        var workspace = NewWorkspaceId();
        using var store = file.Open(Clock);
        for (var i = 0; i < 20; i++)
            await store.CreateAsync(new SampleDocumentBuilder(workspace).WithId($"doc-{i}").Build(), Cancellation);

        var checkpoint = await store.CheckpointAsync(Cancellation);

        Assert.InRange(checkpoint.LogFrames, 1, store.RestartLogFrames - 1);
        Assert.Equal(checkpoint.LogFrames, checkpoint.CheckpointedFrames);
        Assert.False(checkpoint.Restarted);
        Assert.Equal(20, await store.CountAsync(new DocumentQuery(workspace, SampleDocument.DocumentType), Cancellation));
    }

    [Fact]
    public async Task A_checkpoint_neither_waits_for_nor_disturbs_a_reader_on_an_older_snapshot()
    {
        var workspace = NewWorkspaceId();
        using var store = file.Open(Clock);
        await store.CreateAsync(new SampleDocumentBuilder(workspace).WithId("before").Build(), Cancellation);
        await store.CheckpointAsync(Cancellation);
        await using var reader = new SqliteConnection($"Data Source={file.Path};Pooling=False");
        await reader.OpenAsync(Cancellation);
        // Deferred: a read transaction, holding a snapshot but no write lock.
        await using var transaction = reader.BeginTransaction(deferred: true);
        Assert.Equal(1L, await CountRowsAsync(reader, transaction, workspace));

        for (var i = 0; i < 10; i++)
            await store.CreateAsync(new SampleDocumentBuilder(workspace).WithId($"after-{i}").Build(), Cancellation);
        var held = await store.CheckpointAsync(Cancellation);

        // The frames the reader's snapshot cannot see stay in the log, and the reader still sees its snapshot.
        Assert.True(held.CheckpointedFrames < held.LogFrames);
        Assert.Equal(1L, await CountRowsAsync(reader, transaction, workspace));
        await transaction.RollbackAsync(Cancellation);
        var released = await store.CheckpointAsync(Cancellation);
        Assert.Equal(released.LogFrames, released.CheckpointedFrames);
    }

    [Fact]
    public async Task The_background_checkpointer_copies_the_log_into_the_file_on_its_own_thread_and_stops_with_the_host()
    {
        var workspace = NewWorkspaceId();
        using var store = file.Open(Clock);
        await store.CreateAsync(new SampleDocumentBuilder(workspace).WithId("first").Build(), Cancellation);
        var before = new FileInfo(store.Path).Length;
        using var checkpointer = new SqliteCheckpointer(store, Microsoft.Extensions.Logging.Abstractions.NullLogger<SqliteCheckpointer>.Instance);
        await checkpointer.StartAsync(Cancellation);
        for (var i = 0; i < 200; i++)
            await store.CreateAsync(new SampleDocumentBuilder(workspace).WithId($"doc-{i}").Build(), Cancellation);

        // Copied pages grow the file itself (the log holds them until then).
        await BoundedPoll.UntilAsync(_ => Task.FromResult(new FileInfo(store.Path).Length), length => length > before,
            "the checkpointer to copy the log into the file", TimeSpan.FromSeconds(30), Cancellation);
        await checkpointer.StopAsync(Cancellation).WaitAsync(TimeSpan.FromSeconds(10), Cancellation);

        Assert.True(checkpointer.ExecuteTask!.IsCompletedSuccessfully);
        await AssertKeptInTheFileAsync(store, workspace, 201);
    }

    // Under steady load the writer seldom restarts the log by itself (no reader may be inside it at its first commit after a
    // complete checkpoint), so it grew to the writer's own checkpoint, paid by an answered command (PERFORMANCE.md, twentieth session).
    [Fact]
    public async Task A_complete_checkpoint_past_the_threshold_restarts_the_log_and_later_commits_write_from_its_start()
    {
        var workspace = NewWorkspaceId();
        using var store = file.Open(Clock);
        store.RestartLogFrames = 1;
        for (var i = 0; i < 30; i++)
            await store.CreateAsync(new SampleDocumentBuilder(workspace).WithId($"doc-{i}").Build(), Cancellation);

        var restarted = await store.CheckpointAsync(Cancellation);
        await store.CreateAsync(new SampleDocumentBuilder(workspace).WithId("after").Build(), Cancellation);
        var next = await store.CheckpointAsync(Cancellation);

        Assert.True(restarted.Restarted);
        Assert.InRange(next.LogFrames, 1, restarted.LogFrames - 1);
        await AssertKeptInTheFileAsync(store, workspace, 31);
    }

    [Fact]
    public async Task A_reader_inside_the_log_keeps_it_from_restarting_and_the_checkpoint_does_not_wait_for_the_reader()
    {
        var workspace = NewWorkspaceId();
        // A restart that waited for the reader would wait this long; the checkpoint must answer well before.
        using var store = file.Open(Clock, busyTimeout: TimeSpan.FromMinutes(5));
        store.RestartLogFrames = 1;
        await store.CreateAsync(new SampleDocumentBuilder(workspace).WithId("before").Build(), Cancellation);
        await using var reader = new SqliteConnection($"Data Source={file.Path};Pooling=False");
        await reader.OpenAsync(Cancellation);
        await using var transaction = reader.BeginTransaction(deferred: true);
        Assert.Equal(1L, await CountRowsAsync(reader, transaction, workspace));

        var held = await store.CheckpointAsync(Cancellation).WaitAsync(TimeSpan.FromSeconds(30), Cancellation);

        Assert.False(held.Restarted);
        Assert.Equal(held.LogFrames, held.CheckpointedFrames);
        Assert.Equal(1L, await CountRowsAsync(reader, transaction, workspace));
        await transaction.RollbackAsync(Cancellation);
        Assert.True((await store.CheckpointAsync(Cancellation)).Restarted);
        await store.CreateAsync(new SampleDocumentBuilder(workspace).WithId("after").Build(), Cancellation);
        Assert.Equal(2, await store.CountAsync(new DocumentQuery(workspace, SampleDocument.DocumentType), Cancellation));
    }

    [Fact]
    public async Task Commits_made_while_checkpoints_restart_the_log_are_all_kept()
    {
        var workspace = NewWorkspaceId();
        using var store = file.Open(Clock);
        store.RestartLogFrames = 1;
        var writes = Task.WhenAll(Enumerable.Range(0, 200).Select(i =>
            Task.Run(() => store.CreateAsync(new SampleDocumentBuilder(workspace).WithId($"doc-{i}").Build(), Cancellation))));

        var restarts = 0;
        while (!writes.IsCompleted)
        {
            if ((await store.CheckpointAsync(Cancellation)).Restarted)
                restarts++;
        }
        await writes;
        if ((await store.CheckpointAsync(Cancellation)).Restarted)
            restarts++;

        Assert.True(restarts > 0);
        await AssertKeptInTheFileAsync(store, workspace, 200);
    }

    /// <summary>The store and a reader of its own on the file count the same documents, and the file is intact.</summary>
    private async Task AssertKeptInTheFileAsync(SqliteDocumentStore store, string workspace, int documents)
    {
        Assert.Equal(documents, await store.CountAsync(new DocumentQuery(workspace, SampleDocument.DocumentType), Cancellation));
        Assert.Equal((long)documents, await RawScalarAsync("SELECT count(*) FROM documents WHERE workspace_id = $w", ("$w", workspace)));
        Assert.Equal("ok", await RawScalarAsync("PRAGMA integrity_check"));
    }

    // Queries run on statements each reader keeps prepared per shape (eighteenth session): a shape runs again with its own values.
    [Fact]
    public async Task A_query_shape_run_again_answers_for_its_own_values_each_time()
    {
        var workspace = NewWorkspaceId();
        using var store = file.Open(Clock);
        for (var i = 0; i < 6; i++)
            await store.CreateAsync(new SampleDocumentBuilder(workspace).WithId($"doc-{i}").WithRank(i % 3).Build(), Cancellation);

        for (var round = 0; round < 3; round++)
        {
            for (var rank = 0; rank < 4; rank++)
            {
                var query = new DocumentQuery(workspace, SampleDocument.DocumentType).WhereEquals(SampleDocument.Paths.Rank, rank).Take(5 + round);
                var ids = await store.QueryAsync<SampleDocument>(query, Cancellation).Select(d => d.Value.Id).ToListAsync(Cancellation);

                Assert.Equal(rank < 3 ? [$"doc-{rank}", $"doc-{rank + 3}"] : [], ids);
            }
        }
    }

    [Fact]
    public async Task A_query_given_up_part_way_holds_no_snapshot_and_its_reader_serves_the_next_query()
    {
        var workspace = NewWorkspaceId();
        using var store = file.Open(Clock);
        for (var i = 0; i < 20; i++)
            await store.CreateAsync(new SampleDocumentBuilder(workspace).WithId($"doc-{i:D2}").Build(), Cancellation);
        var query = new DocumentQuery(workspace, SampleDocument.DocumentType);

        await foreach (var first in store.QueryAsync<SampleDocument>(query, Cancellation))
        {
            Assert.Equal("doc-00", first.Value.Id);
            break;
        }
        for (var i = 20; i < 30; i++)
            await store.CreateAsync(new SampleDocumentBuilder(workspace).WithId($"doc-{i:D2}").Build(), Cancellation);
        var checkpoint = await store.CheckpointAsync(Cancellation);

        // A statement left mid-step would pin its snapshot, and the checkpoint could not copy the later frames.
        Assert.Equal(checkpoint.LogFrames, checkpoint.CheckpointedFrames);
        Assert.Equal(30, await store.QueryAsync<SampleDocument>(query, Cancellation).CountAsync(Cancellation));
    }

    [Fact]
    public async Task More_query_shapes_than_a_reader_keeps_prepared_all_answer()
    {
        var workspace = NewWorkspaceId();
        using var store = file.Open(Clock);
        await store.CreateAsync(new SampleDocumentBuilder(workspace).WithId("doc").WithRank(7).Build(), Cancellation);

        // Each Take changes the shape's SQL only by its bound limit, so vary the number of filters instead.
        for (var shape = 1; shape <= SqliteReaders.Reader.MaxPrepared + 8; shape++)
        {
            var query = new DocumentQuery(workspace, SampleDocument.DocumentType);
            for (var filter = 0; filter < shape; filter++)
                query = query.Where(SampleDocument.Paths.Rank, FilterOperator.GreaterThan, filter % 7 - 1);

            Assert.Single(await store.QueryAsync<SampleDocument>(query, Cancellation).ToListAsync(Cancellation));
        }
    }

    [Fact]
    public async Task The_stored_body_is_the_shared_document_json()
    {
        var incident = new IncidentBuilder().InWorkspace(NewWorkspaceId()).WithMarkets("NP").WithSeverity(Severity.Sev1).Build();

        await Store.CreateAsync(incident, Cancellation);

        var body = (string?)await RawScalarAsync(
            "SELECT body FROM documents WHERE workspace_id = $workspace AND id = $id AND type = 'incident'",
            ("$workspace", incident.WorkspaceId), ("$id", incident.Id));
        Assert.Equal(JsonSerializer.Serialize(incident, DocumentJson.Options), body);
        Assert.Contains("\"severity\":\"sev1\"", body, StringComparison.Ordinal);
        Assert.Contains("\"declaredAt\":\"2026-03-01T09:00:00.0000000Z\"", body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Expired_documents_are_removed_from_the_file_by_a_later_write()
    {
        var workspace = NewWorkspaceId();
        await Store.CreateAsync(new SampleReceipt { Id = "receipt-1", WorkspaceId = workspace, ExpiresAfter = TimeSpan.FromSeconds(30) }, Cancellation);
        Clock.Advance(TimeSpan.FromSeconds(61));

        await Store.UpsertAsync(new SampleDocumentBuilder(workspace).Build(), Cancellation);

        Assert.Equal(0L, await RawScalarAsync(
            "SELECT COUNT(*) FROM documents WHERE workspace_id = $workspace AND id = 'receipt-1'", ("$workspace", workspace)));
    }

    [Fact]
    public async Task A_write_locked_out_past_the_busy_timeout_fails_as_store_unavailable()
    {
        using var store = file.Open(Clock, busyTimeout: TimeSpan.FromSeconds(1));
        await store.InitializeAsync(Cancellation);
        await using var otherProcess = new SqliteConnection($"Data Source={file.Path};Pooling=False");
        await otherProcess.OpenAsync(Cancellation);
        await using var holdsTheWriteLock = await otherProcess.BeginTransactionAsync(Cancellation);

        await Assert.ThrowsAsync<StoreUnavailableException>(
            () => store.UpsertAsync(new SampleDocumentBuilder(NewWorkspaceId()).Build(), Cancellation));
    }

    [Fact]
    public async Task The_health_check_names_the_embedded_file()
    {
        var health = await Store.CheckHealthAsync(Cancellation);

        Assert.Equal(new StoreHealth(true, "embedded", file.Path), health);
    }

    [Fact]
    public async Task A_store_whose_file_cannot_be_created_reports_itself_unhealthy()
    {
        var aFile = Path.Combine(file.Directory, "not-a-directory");
        await File.WriteAllTextAsync(aFile, "", Cancellation);
        using var store = new SqliteDocumentStore(Path.Combine(aFile, "store.db"), Clock, Microsoft.Extensions.Logging.Abstractions.NullLogger<SqliteDocumentStore>.Instance);

        var health = await store.CheckHealthAsync(Cancellation);

        Assert.False(health.IsHealthy);
        Assert.Equal("embedded", health.Kind);
    }

    [Fact]
    public async Task A_schema_2_file_is_upgraded_in_place_to_indexes_partial_to_their_types_and_keeps_its_documents()
    {
        var path = Path.Combine(file.Directory, "schema-2.db");
        Directory.CreateDirectory(file.Directory);
        await using (var connection = new SqliteConnection($"Data Source={path};Pooling=False"))
        {
            await connection.OpenAsync(Cancellation);
            await using var create = connection.CreateCommand();
            create.CommandText = await File.ReadAllTextAsync(Path.Combine(AppContext.BaseDirectory, "Storage", "Schema2Store.sql"), Cancellation);
            await create.ExecuteNonQueryAsync(Cancellation);
        }
        Assert.DoesNotContain(" WHERE ", (string)(await RawScalarAsync(path, "SELECT sql FROM sqlite_master WHERE name = 'ix_documents_incident_number'"))!, StringComparison.Ordinal);

        using (var store = new SqliteDocumentStore(path, Clock, Microsoft.Extensions.Logging.Abstractions.NullLogger<SqliteDocumentStore>.Instance))
        {
            var incident = await store.ReadAsync<Incident>("T0BENCH", "inc-1", Cancellation);
            var timeline = new DocumentQuery("T0BENCH", TimelineEvent.DocumentType).WhereEquals(TimelineEvent.Paths.IncidentNumber, 1).OrderedBy(TimelineEvent.Paths.At);
            var ledger = new DocumentQuery("T0BENCH", LedgerEntryDocument.DocumentType).WhereEquals(LedgerEntryDocument.Paths.IncidentNumber, 1)
                .Where(LedgerEntryDocument.Paths.Seq, FilterOperator.GreaterThan, 0).OrderedBy(LedgerEntryDocument.Paths.Seq);

            Assert.Equal(1, incident!.Value.Number);
            Assert.Equal(2, await store.CountAsync(timeline, Cancellation));
            Assert.Equal([1, 46101], await store.QueryAsync<LedgerEntryDocument>(ledger, Cancellation).Select(e => e.Value.Seq).ToListAsync(Cancellation));
            Assert.Equal(1, await store.CountAsync(Incidents().WhereEquals(Incident.Paths.IsOpen, true) with { WorkspaceId = "T0BENCH" }, Cancellation));
        }

        Assert.Equal((long)SqliteSchema.Version, await RawScalarAsync(path, "PRAGMA user_version"));
        Assert.Equal(6L, await RawScalarAsync(path, """
            SELECT COUNT(*) FROM sqlite_master WHERE sql LIKE '% WHERE type = %' AND name IN (
                'ix_documents_number', 'ix_documents_is_open', 'ix_documents_channel', 'ix_documents_incident_number', 'ix_documents_incident_seq', 'ix_documents_due_at')
            """));
        Assert.Equal(1L, await RawScalarAsync(path, "SELECT COUNT(*) FROM incident_facts"));
        Assert.EndsWith("WHERE " + SqliteSchema.NotBulkType, (string)(await RawScalarAsync(path, "SELECT sql FROM sqlite_master WHERE name = 'ix_documents_type'"))!, StringComparison.Ordinal);
        // The facts' update trigger of schema 2 was replaced by the split pair (an incident replaced in place updates its row).
        Assert.Equal(1L, await RawScalarAsync(path, "SELECT COUNT(*) FROM sqlite_master WHERE type = 'trigger' AND name = 'incident_facts_incident_changed'"));
        Assert.Contains("AND NOT", (string)(await RawScalarAsync(path, "SELECT sql FROM sqlite_master WHERE name = 'incident_facts_incident_updated'"))!, StringComparison.Ordinal);
        Assert.Equal("ok", await RawScalarAsync(path, "PRAGMA integrity_check"));
    }

    [Fact]
    public async Task A_schema_3_file_gets_the_type_index_without_the_bulk_types_and_answers_the_same()
    {
        var path = Path.Combine(file.Directory, "schema-3.db");
        Directory.CreateDirectory(file.Directory);
        var incident = new IncidentBuilder().InWorkspace("T0THREE").Build();
        using (var store = new SqliteDocumentStore(path, Clock, Microsoft.Extensions.Logging.Abstractions.NullLogger<SqliteDocumentStore>.Instance))
        {
            await store.CreateAsync(incident, Cancellation);
            await store.CreateAsync(new TimelineEvent
            {
                Id = TimelineEvent.IdFor(incident.Number, 1), WorkspaceId = "T0THREE", IncidentNumber = incident.Number, At = incident.DeclaredAt,
                Actor = incident.Reporter, Kind = TimelineKind.Declared, Version = 1, Text = "declared",
            }, Cancellation);
        }
        // What schema 3 had: the type index over every document.
        await RawScalarAsync(path, "DROP INDEX ix_documents_type; CREATE INDEX ix_documents_type ON documents (workspace_id, type, id); PRAGMA user_version = 3;");

        using (var store = new SqliteDocumentStore(path, Clock, Microsoft.Extensions.Logging.Abstractions.NullLogger<SqliteDocumentStore>.Instance))
        {
            Assert.Equal(1, await store.CountAsync(new DocumentQuery("T0THREE", Incident.DocumentType), Cancellation));
            Assert.Equal(1, await store.CountAsync(new DocumentQuery("T0THREE", TimelineEvent.DocumentType), Cancellation));
        }

        Assert.Equal((long)SqliteSchema.Version, await RawScalarAsync(path, "PRAGMA user_version"));
        Assert.EndsWith("WHERE " + SqliteSchema.NotBulkType, (string)(await RawScalarAsync(path, "SELECT sql FROM sqlite_master WHERE name = 'ix_documents_type'"))!, StringComparison.Ordinal);
        Assert.Equal(1L, await RawScalarAsync(path, "SELECT COUNT(*) FROM documents INDEXED BY ix_documents_type WHERE workspace_id = 'T0THREE' AND type = 'incident' AND " + SqliteSchema.NotBulkType));
        Assert.Equal("ok", await RawScalarAsync(path, "PRAGMA integrity_check"));
    }

    [Theory]
    [InlineData("incident' OR type <> '")]
    [InlineData("Incident")]
    [InlineData("-incident")]
    public async Task A_query_whose_type_is_not_lower_case_words_is_refused_before_the_file_is_touched(string type)
    {
        var query = new DocumentQuery(NewWorkspaceId(), type);

        await Assert.ThrowsAsync<ArgumentException>(() => Store.CountAsync(query, Cancellation));
        await Assert.ThrowsAsync<ArgumentException>(async () => await Store.QueryAsync<Incident>(query, Cancellation).ToListAsync(Cancellation));
    }

    public static TheoryData<string> ProductQueries => [.. ProductQueryShapes.Keys];

    [Theory]
    [MemberData(nameof(ProductQueries))]
    public async Task The_queries_the_product_runs_search_an_index_instead_of_scanning(string name)
    {
        var (query, index, isSortedByIndex) = ProductQueryShapes[name];
        await Store.CheckHealthAsync(Cancellation); // creates the schema

        var plan = await QueryPlanAsync(query);

        Assert.True(plan.All(step => !step.StartsWith("SCAN documents", StringComparison.Ordinal)), string.Join("\n", plan));
        Assert.Contains(plan, step => step.StartsWith("SEARCH documents USING", StringComparison.Ordinal) && step.Contains(index, StringComparison.Ordinal));
        if (isSortedByIndex)
            Assert.DoesNotContain(plan, step => step.Contains("TEMP B-TREE", StringComparison.Ordinal));
    }

    private static readonly Dictionary<string, (DocumentQuery Query, string Index, bool IsSortedByIndex)> ProductQueryShapes = new()
    {
        ["incidents newest first"] = (Incidents().OrderedBy(Incident.Paths.Number, descending: true).Take(50), "ix_documents_number", true),
        ["open incidents"] = (Incidents().OrderedBy(Incident.Paths.Number, descending: true).Take(50).WhereEquals(Incident.Paths.IsOpen, true),
            "ix_documents_is_open (workspace_id=? AND type=? AND is_open=?)", true),
        ["incidents in a market"] = (Incidents().OrderedBy(Incident.Paths.Number, descending: true).Take(50)
            .Where(Incident.Paths.Markets, FilterOperator.ArrayContains, "NP"), "ix_documents_number", true),
        // The dashboard's first page: the newest open incidents from the index of open ones (never a closed incident's
        // document), then each one's clocks sought by its number, not every clock of the workspace in id order.
        ["the dashboard's open incidents"] = (IncidentStore.ListQuery("T0", new IncidentFilter { OpenOnly = true, Limit = IndexModel.Limit }),
            "ix_documents_is_open (workspace_id=? AND type=? AND is_open=?)", true),
        ["clocks of an incident"] = (new DocumentQuery("T0", IncidentBot.Dialogs.Clocks.Clock.DocumentType).WhereEquals(IncidentBot.Dialogs.Clocks.Clock.Paths.IncidentNumber, 3), "(workspace_id=? AND type=? AND <expr>=?)", false),
        ["action items of an incident"] = (new DocumentQuery("T0", ActionItem.DocumentType).WhereEquals(ActionItem.Paths.IncidentNumber, 3),
            "(workspace_id=? AND type=? AND <expr>=?)", false), // either index on the incident's number
        // Schema 5: the incident's number, open flag and channel are columns, and their indexes are on the columns.
        ["incident by channel"] = (Incidents().WhereEquals(Incident.Paths.Channel, new ChannelId("C0INC")).Take(1),
            "ix_documents_channel (workspace_id=? AND type=? AND channel=?)", false),
        ["incident by number"] = (Incidents().WhereEquals(Incident.Paths.Number, 3).Take(1), "ix_documents_number (workspace_id=? AND type=? AND number=?)", false),
        ["closed incidents newest first"] = (Incidents().WhereEquals(Incident.Paths.IsOpen, false).OrderedBy(Incident.Paths.Number, descending: true).Take(50),
            "ix_documents_is_open (workspace_id=? AND type=? AND is_open=?)", true),
        ["timeline"] = (new DocumentQuery("T0", TimelineEvent.DocumentType).WhereEquals(TimelineEvent.Paths.IncidentNumber, 3).OrderedBy(TimelineEvent.Paths.At),
            "ix_documents_incident_number", true),
        ["changes since a version"] = (new DocumentQuery("T0", TimelineEvent.DocumentType).WhereEquals(TimelineEvent.Paths.IncidentNumber, 3)
            .Where(TimelineEvent.Paths.Version, FilterOperator.GreaterThan, 2).OrderedBy(TimelineEvent.Paths.Version), "ix_documents_incident_", false), // either index on the incident's number
        ["a page of a ledger"] = (new DocumentQuery("T0", "ledger").WhereEquals(LedgerEntryDocument.Paths.IncidentNumber, 3)
            .Where(LedgerEntryDocument.Paths.Seq, FilterOperator.GreaterThan, 1000).OrderedBy(LedgerEntryDocument.Paths.Seq).Take(1000), "ix_documents_incident_seq", true),
        ["overdue work"] = (new DocumentQuery("T0", "work").Where(WorkItem.Paths.DueAt, FilterOperator.LessThan, IncidentBuilder.DefaultDeclaredAt),
            "ix_documents_due_at", false),
        ["reports of an incident"] = (new DocumentQuery("T0", StoredReport.DocumentType).WhereEquals(StoredReport.Paths.IncidentNumber, 3)
            .Where(StoredReport.Paths.Sequence, FilterOperator.GreaterThan, 0).OrderedBy(StoredReport.Paths.Sequence).Take(100), "ix_documents_incident_", false),
        ["pages of an incident"] = (new DocumentQuery("T0", Page.DocumentType).WhereEquals(Page.Paths.IncidentNumber, 3).OrderedBy(Page.Paths.CreatedAt),
            "incident", false),
        ["known workspaces"] = (new DocumentQuery("_registry", "workspace"), "ix_documents_type", true),
        ["action items owned and open"] = (new DocumentQuery("T0", ActionItem.DocumentType).WhereEquals(ActionItem.Paths.Owner, new UserId("U1"))
            .WhereEquals(ActionItem.Paths.IsOpen, true).Take(ActionItemStore.MaxListed), "ix_documents_is_open (workspace_id=? AND type=? AND is_open=?)", false),
        ["post-mortems owned and open"] = (new DocumentQuery("T0", PostMortem.DocumentType).WhereEquals(ActionItem.Paths.Owner, new UserId("U1"))
            .WhereEquals(ActionItem.Paths.IsOpen, true).Take(ActionItemStore.MaxListed), "ix_documents_is_open", false),
        ["incident by declare receipt"] = (Incidents().WhereEquals(Incident.Paths.DeclareReceiptId, "receipt-1").Take(1), "ix_documents_type", true),
        ["declare receipts of an incident"] = (new DocumentQuery("T0", DeclareReceipt.DocumentType).WhereEquals(DeclareReceipt.Paths.IncidentNumber, 3),
            "ix_documents_incident_", false),
        ["attachments of an incident"] = (new DocumentQuery("T0", ReportAttachmentChunk.DocumentType).WhereEquals(ReportAttachmentChunk.Paths.IncidentNumber, 3),
            "ix_documents_incident_", false),
        ["attachments of a report"] = (new DocumentQuery("T0", ReportAttachmentChunk.DocumentType).WhereEquals(ReportAttachmentChunk.Paths.ReportId, "report-1").Take(1),
            "ix_documents_type", true),
        ["evidence reports of an incident"] = (new DocumentQuery("T0", ReportDocument.DocumentType).WhereEquals(ReportDocument.Paths.IncidentNumber, 3),
            "ix_documents_incident_", false),
        // Reports, timeline events and ledger entries are not in ix_documents_type (schema 4): a query of one by type alone
        // walks its type's part of the incident-number or ledger index and sorts, never the workspace's every document.
        ["regulator reports"] = (new DocumentQuery("T0", ReportDocument.DocumentType).WhereEquals(StoredReport.Paths.Source, "regulator"), "ix_documents_incident_number", false),
        ["every timeline event"] = (new DocumentQuery("T0", TimelineEvent.DocumentType), "ix_documents_incident_number", false),
        ["ledger entries since"] = (new DocumentQuery("T0", LedgerEntryDocument.DocumentType).Where(LedgerEntryDocument.Paths.At, FilterOperator.GreaterThanOrEqual, IncidentBuilder.DefaultDeclaredAt),
            "ix_documents_incident_seq", false),
        ["clocks of a batch of incidents"] = (new DocumentQuery("T0", IncidentBot.Dialogs.Clocks.Clock.DocumentType)
            .Where(IncidentBot.Dialogs.Clocks.Clock.Paths.IncidentNumber, FilterOperator.GreaterThanOrEqual, 3)
            .Where(IncidentBot.Dialogs.Clocks.Clock.Paths.IncidentNumber, FilterOperator.LessThanOrEqual, 9), "ix_documents_trend_clocks", false),
        ["pages since"] = (new DocumentQuery("T0", Page.DocumentType).Where(Page.Paths.CreatedAt, FilterOperator.GreaterThanOrEqual, IncidentBuilder.DefaultDeclaredAt),
            "ix_documents_type", true),
        ["overrides after"] = (new DocumentQuery("T0", IncidentBot.Dialogs.Paging.Schedules.OnCallOverride.DocumentType)
            .Where(IncidentBot.Dialogs.Paging.Schedules.OnCallOverride.Paths.Until, FilterOperator.GreaterThan, IncidentBuilder.DefaultDeclaredAt), "ix_documents_type", true),
        ["set-aside work"] = (new DocumentQuery("T0", WorkItem.DocumentType).Where(WorkItem.Paths.Attempts, FilterOperator.GreaterThan, 0), "ix_documents_type", true),
        ["all work"] = (new DocumentQuery("T0", WorkItem.DocumentType), "ix_documents_type", true),
        ["teams person by id"] = (new DocumentQuery("T0", IncidentBot.Teams.Conversations.TeamsPerson.DocumentType)
            .WhereEquals(IncidentBot.Teams.Conversations.TeamsPerson.Paths.TeamsUserId, "29:1").Take(1), "ix_documents_type", true),
    };

    private static DocumentQuery Incidents() => new("T0", Incident.DocumentType);

    private async Task<List<string>> QueryPlanAsync(DocumentQuery query)
    {
        await using var connection = new SqliteConnection($"Data Source={file.Path};Pooling=False");
        await connection.OpenAsync(Cancellation);
        await using var command = connection.CreateCommand();
        DocumentQuerySql.Select(command, query, 0);
        command.CommandText = "EXPLAIN QUERY PLAN " + command.CommandText;
        await using var reader = await command.ExecuteReaderAsync(Cancellation);
        var plan = new List<string>();
        while (await reader.ReadAsync(Cancellation))
            plan.Add(reader.GetString(3));
        return plan;
    }

    private async Task<long> CountRowsAsync(SqliteConnection connection, SqliteTransaction transaction, string workspace)
    {
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = "SELECT COUNT(*) FROM documents WHERE workspace_id = $workspace";
        command.Parameters.AddWithValue("$workspace", workspace);
        return (long)(await command.ExecuteScalarAsync(Cancellation))!;
    }

    private Task<object?> RawScalarAsync(string sql, params (string Name, object Value)[] parameters) => RawScalarAsync(file.Path, sql, parameters);

    private async Task<object?> RawScalarAsync(string path, string sql, params (string Name, object Value)[] parameters)
    {
        await using var connection = new SqliteConnection($"Data Source={path};Pooling=False");
        await connection.OpenAsync(Cancellation);
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        foreach (var (name, value) in parameters)
            command.Parameters.AddWithValue(name, value);
        return await command.ExecuteScalarAsync(Cancellation);
    }

    private async Task WriteManyAsync(SqliteDocumentStore store, string workspace, string writer, int count)
    {
        for (var i = 0; i < count; i++)
        {
            await store.UpsertAsync(new SampleDocumentBuilder(workspace).WithId($"{writer}-{i}").Build(), Cancellation);
            while (true)
            {
                var counter = (await store.ReadAsync<SampleDocument>(workspace, "counter", Cancellation))!;
                try
                {
                    await store.ReplaceAsync(counter.Value with { Rank = counter.Value.Rank + 1 }, counter.ETag, Cancellation);
                    break;
                }
                catch (DocumentConflictException)
                {
                    // Another writer moved the counter; read it again.
                }
            }
        }
    }

    // ---- expiry by the injected clock: the embedded store's own; Cosmos DB expires by its server clock (see the Cosmos tests for ttl)

    [Fact]
    public async Task An_expiring_document_is_visible_until_its_time_to_live_has_passed()
    {
        var receipt = new SampleReceipt { Id = "receipt-1", WorkspaceId = NewWorkspaceId(), ExpiresAfter = TimeSpan.FromSeconds(60) };
        await Store.CreateAsync(receipt, Cancellation);
        var receipts = new DocumentQuery(receipt.WorkspaceId, SampleReceipt.DocumentType);

        Clock.Advance(TimeSpan.FromSeconds(59));
        var before = (await Store.ReadAsync<SampleReceipt>(receipt.WorkspaceId, receipt.Id, Cancellation), await Store.CountAsync(receipts, Cancellation));
        Clock.Advance(TimeSpan.FromSeconds(2));
        var after = (await Store.ReadAsync<SampleReceipt>(receipt.WorkspaceId, receipt.Id, Cancellation), await Store.CountAsync(receipts, Cancellation));

        Assert.NotNull(before.Item1);
        Assert.Equal(1, before.Item2);
        Assert.Null(after.Item1);
        Assert.Equal(0, after.Item2);
        Assert.Empty(await Store.QueryAsync<SampleReceipt>(receipts, Cancellation).ToListAsync(Cancellation));
    }

    [Fact]
    public async Task An_expired_id_can_be_created_again_but_not_replaced()
    {
        var receipt = new SampleReceipt { Id = "receipt-1", WorkspaceId = NewWorkspaceId(), ExpiresAfter = TimeSpan.FromSeconds(60), Note = "first" };
        var etag = await Store.CreateAsync(receipt, Cancellation);
        Clock.Advance(TimeSpan.FromSeconds(61));

        await Assert.ThrowsAsync<DocumentConflictException>(() => Store.ReplaceAsync(receipt, etag, Cancellation));
        await Store.CreateAsync(receipt with { Note = "second" }, Cancellation);

        Assert.Equal("second", (await Store.ReadAsync<SampleReceipt>(receipt.WorkspaceId, receipt.Id, Cancellation))!.Value.Note);
    }

    [Fact]
    public async Task Rewriting_an_expiring_document_restarts_its_time_to_live()
    {
        var receipt = new SampleReceipt { Id = "receipt-1", WorkspaceId = NewWorkspaceId(), ExpiresAfter = TimeSpan.FromSeconds(60) };
        var etag = await Store.CreateAsync(receipt, Cancellation);
        Clock.Advance(TimeSpan.FromSeconds(50));
        await Store.ReplaceAsync(receipt with { Note = "renewed" }, etag, Cancellation);

        Clock.Advance(TimeSpan.FromSeconds(50));

        Assert.NotNull(await Store.ReadAsync<SampleReceipt>(receipt.WorkspaceId, receipt.Id, Cancellation));
    }
}
