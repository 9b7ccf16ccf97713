using IncidentBot.Dialogs.Incidents;
using IncidentBot.Dialogs.Intake;
using IncidentBot.Dialogs.Platform;
using IncidentBot.Dialogs.Retention;
using IncidentBot.Dialogs.Storage;
using IncidentBot.Dialogs.Work;
using IncidentBot.Testing.Builders;
using IncidentBot.Testing.Hosts;

namespace IncidentBot.Dialogs.Tests.Work.Retention;

/// <summary>The default policy keeps a closed incident's reports and channel for six months.</summary>
public sealed class RetentionPurgeWorkTests : IAsyncLifetime
{
    private static readonly ChannelId Channel = new("C0INCIDENT");
    private readonly DialogsHost _host = new();

    public Task InitializeAsync() => Task.CompletedTask;

    public Task DisposeAsync() => _host.DisposeAsync().AsTask();

    [Fact]
    public async Task Before_the_retention_period_ends_it_changes_nothing_and_comes_back_when_due()
    {
        var incident = await ArrangeAsync();

        var outcome = await RunAsync(incident);

        Assert.Equal(DueAt(incident), outcome.RunAgainAt);
        Assert.Empty(_host.Chat.Calls);
        Assert.Equal(2, await ReportCountAsync(incident));
    }

    [Fact]
    public async Task When_due_it_archives_the_channel_and_removes_the_reports_once()
    {
        var incident = await ArrangeAsync();
        _host.Clock.SetUtcNow(DueAt(incident));

        var outcome = await RunAsync(incident);

        Assert.Null(outcome.RunAgainAt);
        var archived = Assert.Single(_host.Chat.Calls);
        Assert.Equal(nameof(IChatPlatform.ArchiveChannelAsync), archived.Method);
        Assert.Equal(Channel, archived.Channel);
        Assert.Equal(0, await ReportCountAsync(incident));
        var stored = await _host.Get<IncidentStore>().FindAsync(incident.Workspace(), incident.Key, CancellationToken.None);
        Assert.NotNull(stored!.Value.PurgedAt);
    }

    [Fact]
    public async Task Running_twice_archives_once()
    {
        var incident = await ArrangeAsync();
        _host.Clock.SetUtcNow(DueAt(incident));

        await RunAsync(incident);
        await RunAsync(incident);

        Assert.Single(_host.Chat.Calls);
    }

    [Fact]
    public async Task Running_a_month_late_purges_once()
    {
        var incident = await ArrangeAsync();
        _host.Clock.SetUtcNow(DueAt(incident).AddMonths(1));

        await RunAsync(incident);
        await RunAsync(incident);

        Assert.Single(_host.Chat.Calls);
        Assert.Equal(0, await ReportCountAsync(incident));
    }

    [Fact]
    public async Task An_incident_under_a_legal_hold_is_not_purged()
    {
        var incident = await ArrangeAsync(hold: new IncidentHold(new UserId("U0LEGAL"), DialogsHost.Start, "Litigation"));
        _host.Clock.SetUtcNow(DueAt(incident));

        var outcome = await RunAsync(incident);

        Assert.Null(outcome.RunAgainAt);
        Assert.Empty(_host.Chat.Calls);
        Assert.Equal(2, await ReportCountAsync(incident));
    }

    [Fact]
    public async Task When_due_the_files_of_its_reports_go_too_and_another_incidents_stay()
    {
        var incident = await ArrangeAsync();
        await KeepChunkAsync(incident.WorkspaceId, "report-regulator-a", incident.Number);
        await KeepChunkAsync(incident.WorkspaceId, "report-regulator-b", incident.Number + 1);
        _host.Clock.SetUtcNow(DueAt(incident));

        await RunAsync(incident);

        Assert.Null(await _host.Documents.ReadAsync<ReportAttachmentChunk>(incident.WorkspaceId, ChunkId("report-regulator-a"), CancellationToken.None));
        Assert.NotNull(await _host.Documents.ReadAsync<ReportAttachmentChunk>(incident.WorkspaceId, ChunkId("report-regulator-b"), CancellationToken.None));
        var events = new List<TimelineEvent>();
        await foreach (var e in _host.Documents.QueryAsync<TimelineEvent>(
            new DocumentQuery(incident.WorkspaceId, TimelineEvent.DocumentType).WhereEquals(TimelineEvent.Paths.IncidentNumber, incident.Number), CancellationToken.None))
            events.Add(e.Value);
        Assert.Equal("1", events.Single(e => e.Kind == TimelineKind.Purged).Details!["attachmentChunks"]);
    }

    [Fact]
    public async Task A_run_after_the_purge_was_recorded_removes_files_an_earlier_run_left()
    {
        var incident = await ArrangeAsync();
        _host.Clock.SetUtcNow(DueAt(incident));
        await RunAsync(incident);
        await KeepChunkAsync(incident.WorkspaceId, "report-regulator-c", incident.Number); // as if the first run died before deleting it

        await RunAsync(incident);

        Assert.Null(await _host.Documents.ReadAsync<ReportAttachmentChunk>(incident.WorkspaceId, ChunkId("report-regulator-c"), CancellationToken.None));
    }

    [Fact]
    public async Task A_held_incidents_files_stay()
    {
        var incident = await ArrangeAsync(hold: new IncidentHold(new UserId("U0LEGAL"), DialogsHost.Start, "Litigation"));
        await KeepChunkAsync(incident.WorkspaceId, "report-regulator-a", incident.Number);
        _host.Clock.SetUtcNow(DueAt(incident));

        await RunAsync(incident);

        Assert.NotNull(await _host.Documents.ReadAsync<ReportAttachmentChunk>(incident.WorkspaceId, ChunkId("report-regulator-a"), CancellationToken.None));
    }

    [Fact]
    public async Task When_due_chunks_an_older_build_stored_by_content_go_too_and_are_counted()
    {
        var incident = await ArrangeAsync();
        var sha = new string('b', 64);
        await OrderWithOldAttachmentAsync(incident.WorkspaceId, "order-1", incident.Number, sha, chunks: 2);
        _host.Clock.SetUtcNow(DueAt(incident));

        await RunAsync(incident);

        Assert.Null(await _host.Documents.ReadAsync<ReportAttachmentChunk>(incident.WorkspaceId, ReportAttachmentChunk.IdFor(null, sha, 0), CancellationToken.None));
        Assert.Null(await _host.Documents.ReadAsync<ReportAttachmentChunk>(incident.WorkspaceId, ReportAttachmentChunk.IdFor(null, sha, 1), CancellationToken.None));
        Assert.Equal("2", (await PurgedEventAsync(incident)).Details!["attachmentChunks"]);
    }

    [Fact]
    public async Task A_file_stored_by_content_that_another_incidents_report_also_came_with_stays()
    {
        var incident = await ArrangeAsync();
        var sha = new string('c', 64);
        await OrderWithOldAttachmentAsync(incident.WorkspaceId, "order-1", incident.Number, sha, chunks: 1);
        await OrderWithOldAttachmentAsync(incident.WorkspaceId, "order-2", incident.Number + 1, sha, chunks: 1, storeChunks: false);
        _host.Clock.SetUtcNow(DueAt(incident));

        await RunAsync(incident);

        Assert.NotNull(await _host.Documents.ReadAsync<ReportAttachmentChunk>(incident.WorkspaceId, ReportAttachmentChunk.IdFor(null, sha, 0), CancellationToken.None));
        Assert.Equal("0", (await PurgedEventAsync(incident)).Details!["attachmentChunks"]);
        Assert.Equal(0, await ReportCountAsync(incident));
    }

    private async Task<TimelineEvent> PurgedEventAsync(Incident incident)
    {
        var events = new List<TimelineEvent>();
        await foreach (var e in _host.Documents.QueryAsync<TimelineEvent>(
            new DocumentQuery(incident.WorkspaceId, TimelineEvent.DocumentType).WhereEquals(TimelineEvent.Paths.IncidentNumber, incident.Number), CancellationToken.None))
            events.Add(e.Value);
        return events.Single(e => e.Kind == TimelineKind.Purged);
    }

    /// <summary>An e-mailed order as an older build stored it: its attachment's chunks named by the content alone, with no report or incident on them.</summary>
    private async Task OrderWithOldAttachmentAsync(string workspaceId, string externalId, int incidentNumber, string sha, int chunks, bool storeChunks = true)
    {
        await _host.Documents.CreateAsync(new StoredReport
        {
            WorkspaceId = workspaceId,
            Source = "regulator",
            ExternalId = externalId,
            ReceivedAt = DialogsHost.Start,
            StoredAt = DialogsHost.Start,
            Title = "Blocking order",
            IncidentNumber = incidentNumber,
            IsMerged = false,
            Sequence = 1,
            Attachments = [new ReportAttachment { FileName = "annex.pdf", ContentType = "application/pdf", Size = 3 * chunks, Sha256 = sha, Chunks = chunks }],
        }, CancellationToken.None);
        for (var i = 0; storeChunks && i < chunks; i++)
        {
            await _host.Documents.CreateAsync(new ReportAttachmentChunk
            {
                WorkspaceId = workspaceId,
                Sha256 = sha,
                Index = i,
                Content = [1, 2, 3],
                IsKept = true, // stored without expiry, as the older build did
            }, CancellationToken.None);
        }
    }

    private static string ChunkId(string reportId) => ReportAttachmentChunk.IdFor(reportId, new string('a', 64), 0);

    private Task<string> KeepChunkAsync(string workspaceId, string reportId, int incidentNumber) =>
        _host.Documents.CreateAsync(new ReportAttachmentChunk
        {
            WorkspaceId = workspaceId,
            ReportId = reportId,
            Sha256 = new string('a', 64),
            Index = 0,
            Content = [1, 2, 3],
            IsKept = true,
            IncidentNumber = incidentNumber,
        }, CancellationToken.None);

    private static DateTimeOffset DueAt(Incident incident) => RetentionRules.Default.PurgeDueAt(incident)!.Value;

    private Task<WorkOutcome> RunAsync(Incident incident) =>
        _host.RunAsync<RetentionPurgeWork>(new WorkspaceId(incident.WorkspaceId), incident.Id);

    private async Task<int> ReportCountAsync(Incident incident)
    {
        var count = 0;
        await foreach (var _ in _host.Documents.QueryAsync<StoredReport>(
            new DocumentQuery(incident.WorkspaceId, StoredReport.DocumentType).WhereEquals(StoredReport.Paths.IncidentNumber, incident.Number), CancellationToken.None))
            count++;
        return count;
    }

    private async Task<Incident> ArrangeAsync(IncidentHold? hold = null)
    {
        var incident = new IncidentBuilder().WithChannel(Channel).WithStatus(IncidentStatus.Closed).Build() with { Hold = hold };
        await _host.Documents.CreateAsync(incident, CancellationToken.None);
        for (var i = 1; i <= 2; i++)
        {
            await _host.Documents.CreateAsync(new StoredReport
            {
                WorkspaceId = incident.WorkspaceId,
                Source = "partner",
                ExternalId = "case-" + i,
                ReceivedAt = incident.DeclaredAt,
                StoredAt = incident.DeclaredAt,
                Title = "Mirror accounts re-uploading a removed video",
                IncidentNumber = incident.Number,
                IsMerged = i > 1,
                Sequence = i,
            }, CancellationToken.None);
        }
        return incident;
    }
}
