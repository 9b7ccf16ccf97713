using IncidentBot.Dialogs;
using IncidentBot.Dialogs.Incidents;
using IncidentBot.Dialogs.Storage;
using IncidentBot.IntegrationTests.Builders;
using IncidentBot.Storage.Embedded;
using IncidentBot.Testing.Hosts;
using Microsoft.Data.Sqlite;

namespace IncidentBot.IntegrationTests.Storage;

/// <summary>
/// Commits that wait for the embedded store's writer are written together, one SQLite transaction
/// for the group. Each commit must still be its own unit: its conflict or its failure refuses it alone,
/// and a caller that gives up while it waits writes nothing. The tests hold the write gate while the
/// commits queue, so the group is the same on any machine.
/// </summary>
public sealed class SqliteGroupCommitTests(SqliteStoreFile file) : SqliteFileTest, IClassFixture<SqliteStoreFile>
{
    [Fact]
    public async Task Commits_queued_together_are_one_transaction_and_a_conflict_refuses_only_its_own_commit()
    {
        using var store = file.Open(Clock);
        var stale = await store.CreateAsync(Sample("changed"), Cancellation);
        await store.ReplaceAsync(Sample("changed"), stale, Cancellation);
        await store.CreateAsync(Sample("taken"), Cancellation);

        Task<BatchResult> both, conflicted, exists, upsert;
        long before;
        using (await store.HoldWritesAsync(Cancellation))
        {
            before = store.TransactionsWritten;
            both = store.CommitAsync(new DocumentBatch(Workspace).Create(Sample("a-one")).Create(Sample("a-two")), Cancellation);
            conflicted = store.CommitAsync(new DocumentBatch(Workspace).Create(Sample("b-one")).Replace(Sample("changed"), stale), Cancellation);
            exists = store.CommitAsync(new DocumentBatch(Workspace).Create(Sample("taken")), Cancellation);
            upsert = store.CommitAsync(new DocumentBatch(Workspace).Upsert(Sample("d-one")), Cancellation);
            await UntilQueuedAsync(store, 4);
        }

        await both;
        await upsert;
        Assert.Equal("changed", (await Assert.ThrowsAsync<DocumentConflictException>(() => conflicted)).DocumentId);
        Assert.Equal("taken", (await Assert.ThrowsAsync<DocumentConflictException>(() => exists)).DocumentId);
        Assert.Equal(before + 1, store.TransactionsWritten);
        Assert.Equal(["a-one", "a-two", "changed", "d-one", "taken"], await StoredIdsAsync(store));
    }

    [Fact]
    public async Task Background_commits_join_a_transaction_a_chunk_at_a_time_until_an_urgent_one_waits()
    {
        using var store = file.Open(Clock);
        Task<BatchResult>[] burst;
        Task<BatchResult>? urgent = null;
        long before;
        using (await store.HoldWritesAsync(Cancellation))
        {
            before = store.TransactionsWritten;
            burst = [.. Enumerable.Range(0, 40).Select(i => store.CommitAsync(new DocumentBatch(Workspace).Create(Sample($"burst-{i:D2}")), Cancellation))];
            await UntilQueuedAsync(store, 40);
            // A person's commit arrives while the writer is inside the burst's first transaction.
            store.ChunkWritten = () =>
            {
                store.ChunkWritten = null;
                using (IncidentBot.Storage.WritePriority.Acknowledging())
                    urgent = store.CommitAsync(new DocumentBatch(Workspace).Create(Sample("urgent")), Cancellation);
            };
        }

        await Task.WhenAll(burst);
        await urgent!;
        // The first chunk (16), then the urgent commit with one background one beside it, then the other 23 together;
        // without the urgent commit the 40 would have been one transaction.
        Assert.Equal(before + 3, store.TransactionsWritten);
        Assert.Equal(41, (await StoredIdsAsync(store)).Count);
    }

    [Fact]
    public async Task A_commit_that_fails_inside_a_group_fails_alone_and_the_others_are_stored()
    {
        using var store = file.Open(Clock);
        await store.InitializeAsync(Cancellation);
        var poison = "poison-" + Guid.NewGuid().ToString("N");
        // SQLite refuses this one row (a unique index of the test's own, which a row of another workspace already fills; the
        // writer's connection runs without triggers); nothing else about the commits differs.
        var refusal = "refuse_" + poison.Replace('-', '_');
        var twin = poison + "-twin";
        await RawAsync($"""
            INSERT INTO documents (workspace_id, id, type, etag, body) VALUES ('T0TWIN', '{twin}', 'sample', 'e', 'null');
            CREATE UNIQUE INDEX {refusal} ON documents ((id IN ('{poison}', '{twin}'))) WHERE id IN ('{poison}', '{twin}');
            """);
        try
        {
            Task<BatchResult> first, poisoned, last;
            using (await store.HoldWritesAsync(Cancellation))
            {
                first = store.CommitAsync(new DocumentBatch(Workspace).Create(Sample("first-one")).Create(Sample("first-two")), Cancellation);
                poisoned = store.CommitAsync(new DocumentBatch(Workspace).Create(Sample("poisoned-one")).Create(Sample(poison)), Cancellation);
                last = store.CommitAsync(new DocumentBatch(Workspace).Upsert(Sample("last")), Cancellation);
                await UntilQueuedAsync(store, 3);
            }

            await first;
            await last;
            var refused = await Assert.ThrowsAsync<SqliteException>(() => poisoned);
            Assert.Contains(refusal, refused.Message, StringComparison.Ordinal);
            Assert.Equal(["first-one", "first-two", "last"], await StoredIdsAsync(store));

            // The writer goes on after the failure.
            await store.CreateAsync(Sample("after"), Cancellation);
            Assert.Contains("after", await StoredIdsAsync(store));
        }
        finally
        {
            await RawAsync($"DROP INDEX {refusal}; DELETE FROM documents WHERE id = '{twin}';");
        }
    }

    [Fact]
    public async Task A_caller_that_gives_up_while_its_commit_waits_writes_nothing_and_the_rest_are_stored()
    {
        using var store = file.Open(Clock);
        using var givesUp = CancellationTokenSource.CreateLinkedTokenSource(Cancellation);
        Task<BatchResult> kept, abandoned;
        using (await store.HoldWritesAsync(Cancellation))
        {
            kept = store.CommitAsync(new DocumentBatch(Workspace).Create(Sample("kept")), Cancellation);
            abandoned = store.CommitAsync(new DocumentBatch(Workspace).Create(Sample("abandoned-one")).Create(Sample("abandoned-two")), givesUp.Token);
            await UntilQueuedAsync(store, 2);
            await givesUp.CancelAsync();
            await Assert.ThrowsAnyAsync<OperationCanceledException>(() => abandoned);
        }

        await kept;
        Assert.Equal(["kept"], await StoredIdsAsync(store));
    }

    [Fact]
    public async Task Commits_locked_out_by_another_process_all_fail_as_unavailable_and_the_writer_recovers()
    {
        using var store = file.Open(Clock, busyTimeout: TimeSpan.FromSeconds(1));
        await store.InitializeAsync(Cancellation);
        List<Task<BatchResult>> commits;
        await using (var otherProcess = new SqliteConnection($"Data Source={file.Path};Pooling=False"))
        {
            await otherProcess.OpenAsync(Cancellation);
            await using var holdsTheWriteLock = await otherProcess.BeginTransactionAsync(Cancellation);
            await using (var write = otherProcess.CreateCommand())
            {
                // A deferred transaction takes the file's write lock only when it writes.
                write.CommandText = "CREATE TABLE IF NOT EXISTS test_lock (x INTEGER); INSERT INTO test_lock VALUES (1);";
                await write.ExecuteNonQueryAsync(Cancellation);
            }
            using (await store.HoldWritesAsync(Cancellation))
            {
                commits = Enumerable.Range(0, 3)
                    .Select(i => store.CommitAsync(new DocumentBatch(Workspace).Create(Sample($"locked-{i}")).Create(Sample($"locked-{i}-b")), Cancellation))
                    .ToList();
                await UntilQueuedAsync(store, 3);
            }
            foreach (var commit in commits)
                await Assert.ThrowsAsync<StoreUnavailableException>(() => commit);
            await holdsTheWriteLock.RollbackAsync(Cancellation);
        }

        await store.CreateAsync(Sample("after-lock"), Cancellation);
        Assert.Equal(["after-lock"], await StoredIdsAsync(store));
    }

    // A declare lets the next one of its workspace go ahead once its unit has its place in the writer's order, with the
    // counter it will store (twentieth session). When that unit then fails (here: a repeated delivery), the declares
    // ordered behind it meet a conflict on the counter and take the numbers again: none is skipped.
    [Fact]
    public async Task Declares_ordered_behind_a_repeated_delivery_take_the_next_numbers_without_a_gap()
    {
        using var store = file.Open(Clock);
        var incidents = new IncidentStore(new DocumentWriter(store));
        var receipt = new DeclareReceipt { Id = "receipt-" + Guid.NewGuid().ToString("N"), WorkspaceId = Workspace, ClaimedAt = Start };
        var first = (await incidents.DeclareAsync(Draft("Removal order from the regulator"), Start, receipt, alongside: null, Cancellation)).Value;

        Task<Result<DeclareOutcome>> repeat, second, third;
        using (await store.HoldWritesAsync(Cancellation))
        {
            repeat = incidents.DeclareAsync(Draft("Removal order from the regulator"), Start, receipt, alongside: null, Cancellation);
            second = incidents.DeclareAsync(Draft("Partner escalation, Nepali"), Start, receipt: null, alongside: null, Cancellation);
            third = incidents.DeclareAsync(Draft("Trending challenge, Bhojpuri"), Start, receipt: null, alongside: null, Cancellation);
            // All three in the writer's queue at once: none waited for the one before it to be stored.
            await UntilQueuedAsync(store, 3);
        }

        var repeated = (await repeat).Value;
        Assert.True(repeated.IsRepeat);
        Assert.Equal(first.Incident.Number, repeated.Incident.Number);
        Assert.Equal(
            [first.Incident.Number + 1, first.Incident.Number + 2],
            new[] { (await second).Value.Incident.Number, (await third).Value.Incident.Number }.Order());
        var stored = await store.QueryAsync<Incident>(new DocumentQuery(Workspace, Incident.DocumentType), Cancellation).ToListAsync(Cancellation);
        Assert.Equal(Enumerable.Range(first.Incident.Number, 3), stored.Select(s => s.Value.Number).Order());
        var next = (await incidents.DeclareAsync(Draft("Next one"), Start, receipt: null, alongside: null, Cancellation)).Value;
        Assert.Equal(first.Incident.Number + 3, next.Incident.Number);
    }

    private static readonly DateTimeOffset Start = new(2026, 3, 1, 9, 0, 0, TimeSpan.Zero);

    private Incident Draft(string title) => new IncidentBuilder().InWorkspace(Workspace).WithNumber(0).WithTitle(title).Build();

    private SampleDocument Sample(string id) => new SampleDocumentBuilder(Workspace).WithId(id).Build();

    private static Task<int> UntilQueuedAsync(SqliteDocumentStore store, int count) =>
        BoundedPoll.UntilAsync(
            _ => Task.FromResult(store.WritesWaiting.Background),
            queued => queued == count,
            $"{count} commits to queue at the held gate", TimeSpan.FromSeconds(30), TimeSpan.FromMilliseconds(5));

    private async Task<List<string>> StoredIdsAsync(SqliteDocumentStore store)
    {
        var ids = new List<string>();
        await foreach (var document in store.QueryAsync<SampleDocument>(new DocumentQuery(Workspace, SampleDocument.DocumentType), Cancellation))
            ids.Add(document.Value.Id);
        ids.Sort(StringComparer.Ordinal);
        return ids;
    }

    private async Task RawAsync(string sql)
    {
        await using var connection = new SqliteConnection($"Data Source={file.Path};Pooling=False");
        await connection.OpenAsync(Cancellation);
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync(Cancellation);
    }
}
