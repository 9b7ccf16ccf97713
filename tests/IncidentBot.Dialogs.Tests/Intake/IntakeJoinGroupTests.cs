using IncidentBot.Dialogs.Evidence;
using IncidentBot.Dialogs.Incidents;
using IncidentBot.Dialogs.Intake;
using IncidentBot.Dialogs.Platform;
using IncidentBot.Dialogs.Storage;
using IncidentBot.Storage.Embedded;
using IncidentBot.Testing.Hosts;
using Microsoft.Data.Sqlite;

namespace IncidentBot.Dialogs.Tests.Intake;

/// <summary>
/// Reports joining one incident at the same moment are written a group at a time (one unit for
/// the incident, each report, each timeline event and ledger entry); each report is answered from
/// the unit that stored it, or with that unit's failure. On the real embedded store.
/// </summary>
public sealed class IntakeJoinGroupTests : IAsyncLifetime
{
    private static readonly WorkspaceId Workspace = new("T0GROUP");
    private readonly DialogsHost _host = new();

    private IntakeRecorder Recorder => _host.Get<IntakeRecorder>();

    public Task InitializeAsync() => Task.CompletedTask;

    public Task DisposeAsync() => _host.DisposeAsync().AsTask();

    [Fact]
    public async Task Concurrent_joins_each_store_their_report_with_its_own_place_timeline_event_and_ledger_entry()
    {
        var first = await RecordAsync(Report("#group-trend", "first"));
        const int joining = 120;

        var outcomes = await Task.WhenAll(Enumerable.Range(0, joining).Select(i => Task.Run(() => RecordAsync(Report("#group-trend", $"join-{i}")))));

        Assert.All(outcomes, o => Assert.Equal((first.IncidentNumber, true, false), (o.IncidentNumber, o.IsMerged, o.IsRepeat)));
        Assert.Equal(joining, outcomes.Select(o => o.ReportId).Distinct(StringComparer.Ordinal).Count());
        var incident = await IncidentAsync(first.IncidentNumber);
        Assert.Equal(joining + 1, incident.ReportCount);
        var reports = await ReportsAsync(first.IncidentNumber);
        Assert.Equal(Enumerable.Range(1, joining + 1), reports.Select(r => r.Sequence).Order());
        var events = await TimelineAsync(first.IncidentNumber);
        var joinedEvents = events.Where(e => e.Kind == TimelineKind.ReportReceived).ToList();
        Assert.Equal(outcomes.Select(o => o.ReportId).Order(StringComparer.Ordinal), joinedEvents.Select(e => e.To!).Order(StringComparer.Ordinal));
        Assert.Equal(Enumerable.Range(2, joining), joinedEvents.Select(e => e.Version!.Value).Order());
        var ledger = await LedgerAsync(first.IncidentNumber);
        Assert.True(LedgerChecker.Check(ledger).IsValid);
        Assert.Equal(events.Count, ledger.Count);
    }

    [Fact]
    public async Task A_repeat_sent_with_its_first_delivery_is_stored_once_and_answered_as_a_repeat()
    {
        var first = await RecordAsync(Report("#group-repeat", "first"));
        var report = Report("#group-repeat", "twice");
        var others = Enumerable.Range(0, 30).Select(i => Report("#group-repeat", $"other-{i}"));

        var outcomes = await Task.WhenAll(others.Prepend(report).Append(report).Select(r => Task.Run(() => RecordAsync(r))));

        var copies = outcomes.Where(o => o.ReportId == StoredReport.IdFor("trending", "twice")).ToList();
        Assert.Equal(2, copies.Count);
        Assert.Single(copies, c => c.IsRepeat);
        Assert.Equal(copies[0] with { IsRepeat = false }, copies[1] with { IsRepeat = false });
        Assert.Equal(32, (await IncidentAsync(first.IncidentNumber)).ReportCount);
        Assert.Single(await ReportsAsync(first.IncidentNumber), r => r.ExternalId == "twice");
    }

    [Fact]
    public async Task A_report_already_stored_leaves_its_group_and_the_others_are_stored()
    {
        var first = await RecordAsync(Report("#group-stored", "first"));
        var stored = await RecordAsync(Report("#group-stored", "stored"));

        var outcomes = await Task.WhenAll(Enumerable.Range(0, 20).Select(i => Report("#group-stored", $"new-{i}"))
            .Append(Report("#group-stored", "stored")).Select(r => Task.Run(() => RecordAsync(r))));

        Assert.Equal(stored with { IsRepeat = true }, Assert.Single(outcomes, o => o.IsRepeat));
        Assert.Equal(22, (await IncidentAsync(first.IncidentNumber)).ReportCount);
        Assert.Equal(Enumerable.Range(1, 22), (await ReportsAsync(first.IncidentNumber)).Select(r => r.Sequence).Order());
    }

    [Fact]
    public async Task A_group_whose_write_fails_fails_every_report_in_it_and_stores_none()
    {
        var first = await RecordAsync(Report("#group-fail", "first"));
        var path = ((SqliteDocumentStore)_host.Documents).Path;
        List<Task<Result<IntakeOutcome>>> sends;
        // Another writer holds the file: every unit waits out the busy timeout and fails as unavailable.
        await using (var otherProcess = new SqliteConnection($"Data Source={path};Pooling=False"))
        {
            await otherProcess.OpenAsync();
            await using var holdsTheWriteLock = await otherProcess.BeginTransactionAsync();
            sends = [.. Enumerable.Range(0, 12).Select(i => Task.Run(() =>
                Recorder.RecordAsync(Workspace, PlatformId.Slack, Report("#group-fail", $"lost-{i}"), CancellationToken.None)))];
            foreach (var send in sends)
                await Assert.ThrowsAsync<StoreUnavailableException>(() => send);
        }

        Assert.Equal(1, (await IncidentAsync(first.IncidentNumber)).ReportCount);
        Assert.Single(await ReportsAsync(first.IncidentNumber));
        var again = await RecordAsync(Report("#group-fail", "lost-0"));
        Assert.Equal((first.IncidentNumber, 2, false), (again.IncidentNumber, (await IncidentAsync(first.IncidentNumber)).ReportCount, again.IsRepeat));
    }

    [Fact]
    public async Task Reports_joining_a_closed_incident_open_one_new_incident_together()
    {
        var first = await RecordAsync(Report("#group-closed", "first"));
        var open = await _host.Documents.ReadAsync<Incident>(Workspace.Value, new IncidentNumber(first.IncidentNumber).DocumentId, CancellationToken.None);
        await _host.Documents.ReplaceAsync(open!.Value with { Status = IncidentStatus.Closed, Version = open.Value.Version + 1 }, open.ETag, CancellationToken.None);

        var outcomes = await Task.WhenAll(Enumerable.Range(0, 20).Select(i => Task.Run(() => RecordAsync(Report("#group-closed", $"after-{i}")))));

        var reopened = Assert.Single(outcomes.Select(o => o.IncidentNumber).Distinct());
        Assert.NotEqual(first.IncidentNumber, reopened);
        Assert.Single(outcomes, o => !o.IsMerged);
        Assert.Equal(20, (await IncidentAsync(reopened)).ReportCount);
    }

    private async Task<IntakeOutcome> RecordAsync(IntakeReport report)
    {
        var recorded = await Recorder.RecordAsync(Workspace, PlatformId.Slack, report, CancellationToken.None);
        Assert.True(recorded.IsSuccess, recorded.Error?.Message.ToPlainText());
        return recorded.Value;
    }

    private IntakeReport Report(string trend, string externalId) => new()
    {
        Source = IncidentSource.Trending,
        ExternalId = externalId,
        ReceivedAt = _host.Clock.GetUtcNow(),
        Text = "Children dare each other to hold their breath on camera " + trend,
        TrendKey = trend,
        Market = "NP",
        Language = "en",
    };

    private async Task<Incident> IncidentAsync(int number) =>
        (await _host.Get<IncidentStore>().FindAsync(Workspace, new IncidentNumber(number), CancellationToken.None))!.Value;

    private async Task<List<StoredReport>> ReportsAsync(int number)
    {
        var reports = new List<StoredReport>();
        await foreach (var report in _host.Get<ReportStore>().ListAsync(Workspace.Value, new IncidentNumber(number), 0, 1000, CancellationToken.None))
            reports.Add(report);
        return reports;
    }

    private async Task<List<TimelineEvent>> TimelineAsync(int number)
    {
        var events = new List<TimelineEvent>();
        await foreach (var recorded in _host.Get<IncidentStore>().TimelineAsync(Workspace.Value, new IncidentNumber(number), CancellationToken.None))
            events.Add(recorded);
        return events;
    }

    private async Task<List<LedgerEntry>> LedgerAsync(int number)
    {
        var entries = new List<LedgerEntry>();
        await foreach (var entry in _host.Get<LedgerStore>().ReadAsync(Workspace.Value, new IncidentNumber(number), 0, null, CancellationToken.None))
            entries.Add(entry);
        return entries;
    }
}
