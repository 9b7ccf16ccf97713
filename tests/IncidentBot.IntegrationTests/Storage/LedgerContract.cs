using System.Text.Json;
using IncidentBot.Dialogs.Evidence;
using IncidentBot.Dialogs.Incidents;
using IncidentBot.Dialogs.Retention;
using IncidentBot.Dialogs.Storage;
using IncidentBot.IntegrationTests.Builders;

namespace IncidentBot.IntegrationTests.Storage;

/// <summary>
/// The evidence ledger as every store must keep it: one entry per change in the change's own unit,
/// seq from 1 without gaps, chained from 64 zeros, and still gapless when processes race. A store's
/// test class derives from this and says how to open the store.
/// </summary>
public abstract class LedgerContract : IDisposable
{
    private const string Title = "Coordinated spam wave on trending hashtag";
    protected static readonly DateTimeOffset Start = new(2026, 3, 1, 9, 0, 0, 123, TimeSpan.Zero);
    private static readonly UserId Scribe = new("U0SCRIBE");

    private readonly CancellationTokenSource _timeout = new(TimeSpan.FromMinutes(5));
    private IDocumentStore? _store;

    protected abstract IDocumentStore CreateStore();

    /// <summary>Changes in the long-chain test: thousands, fewer where the store's test server is slow.</summary>
    protected virtual int ManyChanges => 2000;

    protected IDocumentStore Store => _store ??= CreateStore();

    protected CancellationToken Cancellation => _timeout.Token;

    private static string NewWorkspaceId() => "T" + Guid.NewGuid().ToString("N")[..16].ToUpperInvariant();

    public void Dispose()
    {
        (_store as IDisposable)?.Dispose();
        _timeout.Dispose();
        GC.SuppressFinalize(this);
    }

    private async Task<(IncidentStore Incidents, IncidentNumber Number, string Workspace)> DeclaredAsync()
    {
        var incidents = new IncidentStore(new DocumentWriter(Store));
        var workspace = NewWorkspaceId();
        var declared = await incidents.DeclareAsync(new IncidentBuilder().InWorkspace(workspace).WithNumber(0).WithTitle(Title).Build(), Start, Cancellation);
        return (incidents, declared.Incident.Key, workspace);
    }

    private Task<List<LedgerEntry>> LedgerAsync(string workspace, IncidentNumber number) =>
        new LedgerStore(Store).ReadAsync(workspace, number, 0, null, Cancellation).ToListAsync(Cancellation).AsTask();

    [Fact]
    public async Task Every_change_appends_one_entry_in_its_own_unit_chained_from_sixty_four_zeros()
    {
        var (incidents, number, workspace) = await DeclaredAsync();
        await incidents.UpdateAsync(workspace, number, i => IncidentLifecycle.ChangeSeverity(i, Severity.Sev1, Scribe, Start.AddMinutes(1)), Cancellation);
        await incidents.UpdateAsync(workspace, number, i => IncidentLifecycle.AddNote(i, "Order from the regulator attached", Scribe, Start.AddMinutes(2)), Cancellation);
        await incidents.RecordAsync(new TimelineEvent
        {
            Id = TimelineEvent.IdFor(number.Value, "msg-1"),
            WorkspaceId = workspace,
            IncidentNumber = number.Value,
            At = Start.AddMinutes(3),
            Actor = Scribe,
            Kind = TimelineKind.MessageAdded,
            Text = "screenshot shared",
        }, Cancellation);

        var ledger = await LedgerAsync(workspace, number);

        Assert.Equal([1, 2, 3, 4], ledger.Select(e => e.Seq));
        Assert.Equal(["declared", "severity.changed", "note", "message.added"], ledger.Select(e => e.Kind));
        Assert.Equal(LedgerHash.Genesis, ledger[0].PrevHash);
        Assert.True(LedgerChecker.Check(ledger).IsValid);
        Assert.Equal(Start, ledger[0].At); // milliseconds kept
        Assert.Equal(Title, ledger[0].Data.GetProperty("incident").GetProperty("title").GetString());
        Assert.Equal("slack:U0REPORTER", ledger[0].Actor);
        Assert.Equal("slack:U0SCRIBE", ledger[1].Actor);
        Assert.Equal(("SEV3", "SEV1"), (ledger[1].Data.GetProperty("from").GetString(), ledger[1].Data.GetProperty("to").GetString()));
        var head = await new LedgerStore(Store).HeadAsync(new WorkspaceId(workspace), number, Cancellation);
        Assert.Equal(new LedgerHead(4, ledger[^1].Hash), head);
    }

    [Fact]
    public async Task An_event_recorded_again_by_a_rerun_gets_no_second_entry()
    {
        var (incidents, number, workspace) = await DeclaredAsync();
        var record = new TimelineEvent
        {
            Id = TimelineEvent.IdFor(number.Value, "clock-takedown-g1-start"),
            WorkspaceId = workspace,
            IncidentNumber = number.Value,
            At = Start.AddMinutes(1),
            Kind = TimelineKind.ClockStarted,
            Text = "Clock takedown started",
            To = "takedown",
        };

        await incidents.RecordAsync(record, Cancellation);
        await incidents.RecordAsync(record, Cancellation);
        await incidents.RecordAsync(record with { At = Start.AddMinutes(5) }, Cancellation);

        var ledger = await LedgerAsync(workspace, number);
        Assert.Equal(["declared", "clock.started"], ledger.Select(e => e.Kind));
        Assert.Equal("system", ledger[1].Actor);
    }

    [Fact]
    public async Task A_unit_that_conflicts_stores_neither_its_change_nor_its_entry()
    {
        var (_, number, workspace) = await DeclaredAsync();
        var writer = new DocumentWriter(Store);
        var note = new TimelineEvent
        {
            Id = TimelineEvent.IdFor(number.Value, "note-x"),
            WorkspaceId = workspace,
            IncidentNumber = number.Value,
            At = Start.AddMinutes(1),
            Kind = TimelineKind.Note,
            Text = "never stored",
        };

        // The unit also creates the incident again, which exists: the whole unit is refused, every time.
        await Assert.ThrowsAsync<DocumentConflictException>(() => writer.WriteAsync(workspace, (attempt, _) =>
        {
            attempt.Batch.Create(note);
            attempt.Batch.Create(new IncidentBuilder().InWorkspace(workspace).WithNumber(number.Value).Build() with { Version = 1 }, isFinal: true);
            return Task.FromResult(true);
        }, Cancellation));

        Assert.Equal(["declared"], (await LedgerAsync(workspace, number)).Select(e => e.Kind));
        Assert.Null(await Store.ReadAsync<TimelineEvent>(workspace, note.Id, Cancellation));
    }

    [Fact]
    public async Task Concurrent_changes_from_two_processes_leave_a_gapless_chain_with_one_entry_per_change()
    {
        var (_, number, workspace) = await DeclaredAsync();
        // Two processes on one store: their changes race on the incident's ETag and on the ledger's next seq.
        IncidentStore[] processes = [new(new DocumentWriter(Store)), new(new DocumentWriter(Store))];
        const int perProcess = 12;

        var notes = await Task.WhenAll(Enumerable.Range(0, 2 * perProcess).Select(i => Task.Run(() => processes[i % 2].UpdateAsync(workspace, number,
            incident => IncidentLifecycle.AddNote(incident, $"observation {i}", Scribe, Start.AddSeconds(i)), Cancellation))));

        Assert.All(notes, note => Assert.True(note.IsSuccess, note.Error?.Message.ToPlainText()));
        var ledger = await LedgerAsync(workspace, number);
        Assert.Equal(Enumerable.Range(1, 2 * perProcess + 1), ledger.Select(e => e.Seq));
        Assert.True(LedgerChecker.Check(ledger).IsValid);
        var events = ledger.Select(e => e.Data.GetProperty("event").GetString()).ToList();
        Assert.Equal(events.Count, events.Distinct().Count());
        Assert.Equal(Enumerable.Range(1, 2 * perProcess + 1), ledger.Select(e => e.Data.GetProperty("version").GetInt32()).Order());
    }

    /// <summary>
    /// Events written alone, as paging and clock records are: no write of the incident in the unit, so only the entries'
    /// ids (incident and seq) order two processes. Each process chains on from the last entry it appended itself.
    /// </summary>
    [Fact]
    public async Task A_process_whose_last_append_is_stale_meets_the_entry_stored_meanwhile_and_chains_on_from_it()
    {
        var (_, number, workspace) = await DeclaredAsync();
        DocumentWriter[] processes = [new(Store), new(Store)];
        int[] turns = [0, 0, 1, 1, 1, 0, 1, 0, 0];

        for (var i = 0; i < turns.Length; i++)
        {
            var recorded = Observation(workspace, number, i);
            await processes[turns[i]].WriteAsync(workspace, (attempt, _) =>
            {
                attempt.Batch.Create(recorded);
                return Task.FromResult(true);
            }, Cancellation);
        }

        var ledger = await LedgerAsync(workspace, number);
        Assert.Equal(Enumerable.Range(1, turns.Length + 1), ledger.Select(e => e.Seq));
        Assert.True(LedgerChecker.Check(ledger).IsValid);
        Assert.Equal(
            Enumerable.Range(0, turns.Length).Select(i => Observation(workspace, number, i).Id),
            ledger.Skip(1).Select(e => e.Data.GetProperty("event").GetString()));
        Assert.Equal(new LedgerHead(turns.Length + 1, ledger[^1].Hash), await new LedgerStore(Store).HeadAsync(new WorkspaceId(workspace), number, Cancellation));
    }

    /// <summary>Each process appends one event after another (as one process's work for one incident does), both at once.</summary>
    [Fact]
    public async Task Events_written_alone_by_two_processes_at_once_get_one_entry_each_in_a_gapless_chain()
    {
        var (_, number, workspace) = await DeclaredAsync();
        DocumentWriter[] processes = [new(Store), new(Store)];
        const int perProcess = 12;

        await Task.WhenAll(processes.Select((process, p) => Task.Run(async () =>
        {
            for (var i = p * perProcess; i < (p + 1) * perProcess; i++)
            {
                var recorded = Observation(workspace, number, i);
                await process.WriteAsync(workspace, (attempt, _) =>
                {
                    attempt.Batch.Create(recorded);
                    return Task.FromResult(true);
                }, Cancellation);
            }
        })));

        var ledger = await LedgerAsync(workspace, number);
        Assert.Equal(Enumerable.Range(1, 2 * perProcess + 1), ledger.Select(e => e.Seq));
        Assert.True(LedgerChecker.Check(ledger).IsValid);
        Assert.Equal(
            Enumerable.Range(0, 2 * perProcess).Select(i => Observation(workspace, number, i).Id).Order(StringComparer.Ordinal),
            ledger.Skip(1).Select(e => e.Data.GetProperty("event").GetString()!).Order(StringComparer.Ordinal));
    }

    private static TimelineEvent Observation(string workspace, IncidentNumber number, int i) => new()
    {
        Id = TimelineEvent.IdFor(number.Value, "observation-" + i.ToString(System.Globalization.CultureInfo.InvariantCulture)),
        WorkspaceId = workspace,
        IncidentNumber = number.Value,
        At = Start.AddSeconds(i + 1),
        Kind = TimelineKind.Note,
        Text = "observation " + i.ToString(System.Globalization.CultureInfo.InvariantCulture),
    };

    [Fact]
    public async Task A_chain_of_thousands_of_changes_reads_back_whole_and_valid_in_pages()
    {
        var (incidents, number, workspace) = await DeclaredAsync();
        for (var i = 0; i < ManyChanges; i++)
            await incidents.UpdateAsync(workspace, number, incident => IncidentLifecycle.AddNote(incident, $"sample {i}: हिंदी नमूना", Scribe, Start.AddSeconds(i)), Cancellation);

        var checkedWhole = await LedgerChecker.CheckAsync(new LedgerStore(Store).ReadAsync(workspace, number, 0, null, Cancellation), Cancellation);
        var page = await new LedgerStore(Store).ReadAsync(workspace, number, afterSeq: 1500 % ManyChanges, limit: 10, Cancellation).ToListAsync(Cancellation);

        Assert.True(checkedWhole.IsValid, string.Join("\n", checkedWhole.Problems));
        Assert.Equal(ManyChanges + 1, checkedWhole.Entries);
        Assert.Equal(Enumerable.Range(1500 % ManyChanges + 1, 10), page.Select(e => e.Seq));
    }

    [Fact]
    public async Task An_expiring_document_of_an_incident_on_hold_is_stored_without_expiry()
    {
        var (incidents, number, workspace) = await DeclaredAsync();
        await incidents.UpdateAsync(workspace, number, i => IncidentLifecycle.PlaceHold(i, Scribe, "regulator's request", Start.AddMinutes(1)), Cancellation);
        var writer = new DocumentWriter(Store);
        var receipt = new DeclareReceipt { Id = "receipt-held", WorkspaceId = workspace, ClaimedAt = Start, IncidentNumber = number.Value };
        var other = new DeclareReceipt { Id = "receipt-free", WorkspaceId = workspace, ClaimedAt = Start, IncidentNumber = 999 };

        var committed = await writer.WriteAsync(workspace, (attempt, _) =>
        {
            attempt.Batch.Create(receipt);
            attempt.Batch.Create(other);
            return Task.FromResult(attempt.Batch);
        }, Cancellation);

        Assert.True(committed.Value.Find(receipt.Id)!.KeepForever);
        Assert.False(committed.Value.Find(other.Id)!.KeepForever);
        await AssertExpiresAsync(workspace, receipt.Id, expires: false);
        await AssertExpiresAsync(workspace, other.Id, expires: true);
    }

    [Fact]
    public async Task Placing_and_releasing_a_hold_sweeps_the_incidents_expiring_documents()
    {
        var (incidents, number, workspace) = await DeclaredAsync();
        var receipt = new DeclareReceipt { Id = "receipt-before", WorkspaceId = workspace, ClaimedAt = Start, IncidentNumber = number.Value };
        await Store.CreateAsync(receipt, Cancellation);
        var writer = new DocumentWriter(Store);
        var sweep = new HoldSweepWork(writer, [new ExpiringIncidentDocuments<DeclareReceipt>(DeclareReceipt.DocumentType, DeclareReceipt.Paths.IncidentNumber)],
            Microsoft.Extensions.Logging.Abstractions.NullLogger<HoldSweepWork>.Instance);

        await incidents.UpdateAsync(workspace, number, i => IncidentLifecycle.PlaceHold(i, Scribe, null, Start.AddMinutes(1)), Cancellation);
        await sweep.RunAsync(new WorkspaceId(workspace), number.DocumentId, Cancellation);
        await AssertExpiresAsync(workspace, receipt.Id, expires: false);

        await incidents.UpdateAsync(workspace, number, i => IncidentLifecycle.ReleaseHold(i, Scribe, Start.AddMinutes(2)), Cancellation);
        await sweep.RunAsync(new WorkspaceId(workspace), number.DocumentId, Cancellation);
        await AssertExpiresAsync(workspace, receipt.Id, expires: true);
        Assert.Equal(["declared", "hold.placed", "hold.released"], (await LedgerAsync(workspace, number)).Select(e => e.Kind));
    }

    [Fact]
    public async Task The_retention_purge_skips_a_held_incident_and_after_release_deletes_its_reports_once_with_a_purged_entry()
    {
        var (incidents, number, workspace) = await DeclaredAsync();
        await incidents.UpdateAsync(workspace, number, i => IncidentLifecycle.ChangeStatus(i, IncidentStatus.Resolved, Scribe, Start.AddMinutes(1), "removed"), Cancellation);
        await incidents.UpdateAsync(workspace, number, i => IncidentLifecycle.ChangeStatus(i, IncidentStatus.Closed, Scribe, Start.AddMinutes(2)), Cancellation);
        var reportIds = Enumerable.Range(1, RetentionPurgeWork.ReportsPerUnit + 5).Select(i => $"report-{number.Value}-{i:D3}").ToList();
        foreach (var id in reportIds)
            await Store.CreateAsync(new ReportDocument { Id = id, WorkspaceId = workspace, IncidentNumber = number.Value }, Cancellation);
        await incidents.UpdateAsync(workspace, number, i => IncidentLifecycle.PlaceHold(i, Scribe, "litigation", Start.AddMinutes(3)), Cancellation);
        var clock = new Microsoft.Extensions.Time.Testing.FakeTimeProvider(Start.AddMonths(2));
        var purge = new RetentionPurgeWork(incidents, new DocumentWriter(Store), new IncidentBot.Dialogs.Platform.ChatPlatforms([]),
            RetentionRules.Default, clock, Microsoft.Extensions.Logging.Abstractions.NullLogger<RetentionPurgeWork>.Instance);
        async Task<int> ReportsLeftAsync() => await Store.QueryAsync<ReportDocument>(ReportDocument.QueryFor(workspace, number.Value), Cancellation).CountAsync(Cancellation);

        await purge.RunAsync(new WorkspaceId(workspace), number.DocumentId, Cancellation); // held, and not yet due
        clock.Advance(TimeSpan.FromDays(365));
        await purge.RunAsync(new WorkspaceId(workspace), number.DocumentId, Cancellation); // held, long due
        Assert.Equal(reportIds.Count, await ReportsLeftAsync());
        Assert.DoesNotContain(await LedgerAsync(workspace, number), e => e.Kind == "purged");

        await incidents.UpdateAsync(workspace, number, i => IncidentLifecycle.ReleaseHold(i, Scribe, Start.AddMonths(14)), Cancellation);
        await purge.RunAsync(new WorkspaceId(workspace), number.DocumentId, Cancellation);
        await purge.RunAsync(new WorkspaceId(workspace), number.DocumentId, Cancellation); // a rerun removes and records nothing more

        Assert.Equal(0, await ReportsLeftAsync());
        Assert.NotNull((await incidents.FindAsync(new WorkspaceId(workspace), number, Cancellation))!.Value.PurgedAt);
        var ledger = await LedgerAsync(workspace, number);
        Assert.True(LedgerChecker.Check(ledger).IsValid);
        var purged = ledger.Where(e => e.Kind == "purged").ToList();
        Assert.Equal(2, purged.Count); // a unit of 80 deletes, then the last 5 with the incident marked purged
        Assert.Equal(reportIds, purged.SelectMany(e => e.Data.GetProperty("details").GetProperty("reports").GetString()!.Split(',')).Order(StringComparer.Ordinal));
        Assert.Equal(["hold.placed", "hold.released", "purged", "purged"], ledger.Select(e => e.Kind).Where(k => k.StartsWith("hold", StringComparison.Ordinal) || k == "purged"));
    }

    /// <summary>Whether the stored document still carries an expiry, as the store keeps it.</summary>
    protected abstract Task AssertExpiresAsync(string workspace, string id, bool expires);
}
