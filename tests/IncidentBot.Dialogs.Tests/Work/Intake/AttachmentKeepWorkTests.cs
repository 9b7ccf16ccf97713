using IncidentBot.Dialogs.Incidents;
using IncidentBot.Dialogs.Intake;
using IncidentBot.Dialogs.Storage;
using IncidentBot.Dialogs.Work;
using IncidentBot.Testing.Hosts;

namespace IncidentBot.Dialogs.Tests.Work.Intake;

/// <summary>An e-mailed order's files are written before the report: kept once it is stored, gone by themselves if it never is.</summary>
public sealed class AttachmentKeepWorkTests : IAsyncLifetime
{
    private const string Workspace = "T0INTAKE";
    private static readonly WorkspaceId WorkspaceKey = new(Workspace);
    private static readonly string ReportId = StoredReport.IdFor("regulator", "<order-17@meity.gov.in>");
    private readonly DialogsHost _host = new();
    private readonly byte[] _file = Enumerable.Range(0, 300 * 1024).Select(i => (byte)(i * 31)).ToArray();

    public Task InitializeAsync() => Task.CompletedTask;

    public Task DisposeAsync() => _host.DisposeAsync().AsTask();

    [Fact]
    public async Task Chunks_start_provisional_and_are_kept_with_their_incident_once_the_report_is_stored()
    {
        var attachment = await KeepAsync();
        Assert.All(await ChunksAsync(attachment), c => Assert.False(c.IsKept));
        await StoreReportAsync(attachment, incidentNumber: 7);

        var outcome = await RunAsync();

        Assert.Null(outcome.RunAgainAt);
        var chunks = await ChunksAsync(attachment);
        Assert.Equal(2, chunks.Count);
        Assert.All(chunks, c => Assert.True(c.IsKept));
        Assert.All(chunks, c => Assert.Equal(7, c.IncidentNumber));
        Assert.Equal(_file, await _host.Get<ReportStore>().ReadAttachmentAsync(WorkspaceKey, attachment, CancellationToken.None));
    }

    [Fact]
    public async Task Kept_chunks_outlive_the_provisional_lifetime()
    {
        var attachment = await KeepAsync();
        await StoreReportAsync(attachment, incidentNumber: 7);
        await RunAsync();

        _host.Clock.Advance(ReportAttachmentChunk.ProvisionalLifetime + TimeSpan.FromDays(30));

        Assert.Equal(_file, await _host.Get<ReportStore>().ReadAttachmentAsync(WorkspaceKey, attachment, CancellationToken.None));
    }

    [Fact]
    public async Task Chunks_of_a_report_never_stored_expire_and_the_work_then_ends()
    {
        var attachment = await KeepAsync();

        var waiting = await RunAsync();
        Assert.Equal(_host.Clock.GetUtcNow() + AttachmentKeepWork.LookAgain, waiting.RunAgainAt);

        _host.Clock.Advance(ReportAttachmentChunk.ProvisionalLifetime + TimeSpan.FromMinutes(1));
        var ended = await RunAsync();

        Assert.Null(ended.RunAgainAt);
        Assert.Empty(await ChunksAsync(attachment));
        Assert.Null(await _host.Get<ReportStore>().ReadAttachmentAsync(WorkspaceKey, attachment, CancellationToken.None));
    }

    [Fact]
    public async Task A_retry_of_the_report_renews_provisional_chunks_and_never_unkeeps_kept_ones()
    {
        var first = await KeepAsync();
        _host.Clock.Advance(ReportAttachmentChunk.ProvisionalLifetime - TimeSpan.FromHours(1));
        await KeepAsync(); // the relay sends it again a day and more later
        _host.Clock.Advance(TimeSpan.FromHours(2));
        Assert.Equal(2, (await ChunksAsync(first)).Count);

        await StoreReportAsync(first, incidentNumber: 3);
        await RunAsync();
        await KeepAsync(); // a late duplicate after the report is stored
        _host.Clock.Advance(ReportAttachmentChunk.ProvisionalLifetime * 2);

        Assert.All(await ChunksAsync(first), c => Assert.True(c.IsKept));
        Assert.Equal(_file, await _host.Get<ReportStore>().ReadAttachmentAsync(WorkspaceKey, first, CancellationToken.None));
    }

    [Fact]
    public async Task Running_twice_or_late_keeps_once_and_reports_a_lost_chunk_without_failing()
    {
        var attachment = await KeepAsync();
        await StoreReportAsync(attachment, incidentNumber: 4);
        await _host.Documents.DeleteAsync(Workspace, attachment.ChunkIds().Last(), null, CancellationToken.None);
        _host.Clock.Advance(TimeSpan.FromHours(5));

        var first = await RunAsync();
        var second = await RunAsync();

        Assert.Null(first.RunAgainAt);
        Assert.Null(second.RunAgainAt);
        var left = Assert.Single(await ChunksAsync(attachment));
        Assert.True(left.IsKept);
    }

    private Task<ReportAttachment> KeepAsync() =>
        _host.Get<AttachmentKeeper>().KeepAsync(Workspace, ReportId, "order.pdf", "application/pdf", _file, 5 * 1024 * 1024, CancellationToken.None);

    private Task<WorkOutcome> RunAsync() => _host.RunAsync<AttachmentKeepWork>(WorkspaceKey, ReportId);

    private Task<string> StoreReportAsync(ReportAttachment attachment, int incidentNumber) =>
        _host.Documents.CreateAsync(new StoredReport
        {
            WorkspaceId = Workspace,
            Source = "regulator",
            ExternalId = "<order-17@meity.gov.in>",
            ReceivedAt = DialogsHost.Start,
            StoredAt = _host.Clock.GetUtcNow(),
            Title = "Order 17",
            Attachments = [attachment],
            IncidentNumber = incidentNumber,
            IsMerged = false,
            Sequence = 1,
        }, CancellationToken.None);

    private async Task<List<ReportAttachmentChunk>> ChunksAsync(ReportAttachment attachment)
    {
        var chunks = new List<ReportAttachmentChunk>();
        foreach (var id in attachment.ChunkIds())
        {
            if (await _host.Documents.ReadAsync<ReportAttachmentChunk>(Workspace, id, CancellationToken.None) is { } chunk)
                chunks.Add(chunk.Value);
        }
        return chunks;
    }
}
