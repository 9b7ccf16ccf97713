using IncidentBot.Dialogs.Incidents;
using IncidentBot.Dialogs.Intake;
using IncidentBot.Dialogs.Platform;
using IncidentBot.Dialogs.Work;
using IncidentBot.Testing.Builders;
using IncidentBot.Testing.Hosts;

namespace IncidentBot.Dialogs.Tests.Work.Intake;

public sealed class ReportAcknowledgementWorkTests : IAsyncLifetime
{
    private static readonly ChannelId PartnerChannel = new("C0PARTNER");
    private const string PartnerMessage = "1772532000.000200";
    private readonly DialogsHost _host = new();

    public Task InitializeAsync() => Task.CompletedTask;

    public Task DisposeAsync() => _host.DisposeAsync().AsTask();

    [Fact]
    public async Task Reacts_to_the_partners_message_and_replies_in_its_thread_once()
    {
        var report = await ArrangeAsync();

        var outcome = await RunAsync(report);

        Assert.Null(outcome.RunAgainAt);
        Assert.Equal([nameof(IChatPlatform.AddReactionAsync), nameof(IChatPlatform.ReplyInThreadAsync)], _host.Chat.Calls.Select(c => c.Method));
        var reply = _host.Chat.Calls[1];
        Assert.Equal(PartnerChannel, reply.Channel);
        Assert.Contains("INC-42", reply.Content, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Running_twice_reacts_and_replies_once()
    {
        var report = await ArrangeAsync();

        await RunAsync(report);
        await RunAsync(report);

        Assert.Equal(2, _host.Chat.Calls.Count);
    }

    [Fact]
    public async Task Running_a_day_late_still_answers_once()
    {
        var report = await ArrangeAsync();
        _host.Clock.Advance(TimeSpan.FromDays(1));

        await RunAsync(report);

        Assert.Single(_host.Chat.Messages);
    }

    [Fact]
    public async Task A_reply_another_run_has_claimed_is_looked_at_again_when_the_claim_runs_out()
    {
        var report = await ArrangeAsync();
        await _host.Documents.CreateAsync(new ReportChatReceipt
        {
            WorkspaceId = report.WorkspaceId,
            ReportId = report.Id,
            IsReacted = true,
            ReplyClaimedAt = _host.Clock.GetUtcNow(),
            ReplyClaimId = "another-run",
        }, CancellationToken.None);

        var outcome = await RunAsync(report);

        // Returning "done" here would delete the work item: if the claiming run died, the partner never got an answer.
        Assert.Empty(_host.Chat.Messages);
        Assert.Equal(_host.Clock.GetUtcNow() + ReportAcknowledgementWork.ClaimTimeout, outcome.RunAgainAt);
        _host.Clock.Advance(ReportAcknowledgementWork.ClaimTimeout);
        await RunAsync(report);
        Assert.Single(_host.Chat.Messages);
    }

    private Task<WorkOutcome> RunAsync(StoredReport report) =>
        _host.RunAsync<ReportAcknowledgementWork>(new WorkspaceId(report.WorkspaceId), report.Id);

    private async Task<StoredReport> ArrangeAsync()
    {
        var incident = new IncidentBuilder().WithChannel(new ChannelId("C0INCIDENT")).WithStatus(IncidentStatus.Investigating).Build();
        await _host.Documents.CreateAsync(incident, CancellationToken.None);
        var report = new StoredReport
        {
            WorkspaceId = incident.WorkspaceId,
            Source = "partner",
            ExternalId = "case-7781",
            ReceivedAt = _host.Clock.GetUtcNow(),
            StoredAt = _host.Clock.GetUtcNow(),
            Title = "Mirror accounts re-uploading a removed video",
            IncidentNumber = incident.Number,
            IsMerged = false,
            Sequence = 1,
            Origin = new ReportOrigin(PlatformId.Slack, PartnerChannel.Value, PartnerMessage),
        };
        await _host.Documents.CreateAsync(report, CancellationToken.None);
        return report;
    }
}
