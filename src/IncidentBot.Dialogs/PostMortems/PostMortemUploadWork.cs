using System.Text;
using IncidentBot.Dialogs.Incidents;
using IncidentBot.Dialogs.Platform;
using IncidentBot.Dialogs.Reminders;
using IncidentBot.Dialogs.Storage;
using IncidentBot.Dialogs.Work;
using Microsoft.Extensions.Logging;

namespace IncidentBot.Dialogs.PostMortems;

/// <summary>
/// Uploads the post-mortem draft to the incident's channel (work kind <c>postmortem-upload</c>,
/// target the incident), once per <c>postmortem</c> request. A platform that cannot share files
/// gets a message pointing at the API instead.
/// </summary>
public sealed class PostMortemUploadWork(
    IncidentStore incidents,
    ChatPlatforms platforms,
    PostMortemDrafter drafter,
    ReminderDelivery delivery,
    TimeProvider clock,
    ILogger<PostMortemUploadWork> logger) : IWorkHandler
{
    public const string WorkKind = "postmortem-upload";

    public string Kind => WorkKind;

    public async Task<WorkOutcome> RunAsync(WorkspaceId workspace, string targetId, CancellationToken cancellationToken)
    {
        if (!IncidentNumber.TryParseDocumentId(targetId, out var number))
            return WorkOutcome.Done;
        var outcome = await delivery.DeliverAsync<PostMortemUploadRequest>(workspace.Value, async (attempt, token) =>
        {
            var request = await attempt.ReadAsync<PostMortemUploadRequest>(PostMortemUploadRequest.IdFor(number.Value), token);
            var found = await incidents.FindAsync(workspace, number, token);
            if (request is null || found is null)
                return ReminderTurn<PostMortemUploadRequest>.Answered(WorkOutcome.Done);
            var incident = found.Value;
            var due = ReminderPlan.Due([request.Value.Upload], request.Value.Deliveries, clock.GetUtcNow());
            if (due is null)
                return ReminderTurn<PostMortemUploadRequest>.Answered(WorkOutcome.Done);
            if (incident.Channel is not { } channel)
                return ReminderTurn<PostMortemUploadRequest>.Answered(WorkOutcome.RunAgain(clock.GetUtcNow() + TimeSpan.FromSeconds(15)));
            return ReminderTurn<PostMortemUploadRequest>.Deliver(request, due, ct => UploadAsync(incident, channel, request.Value, ct));
        }, cancellationToken);
        return outcome.Status switch
        {
            DeliveryStatus.Answered => outcome.Answer!,
            DeliveryStatus.Busy => WorkOutcome.RunAgain(outcome.RetryAt!.Value),
            DeliveryStatus.Contended => WorkOutcome.RunAgain(clock.GetUtcNow()),
            _ => WorkOutcome.Done,
        };
    }

    private async Task<string?> UploadAsync(Incident incident, ChannelId channel, PostMortemUploadRequest request, CancellationToken cancellationToken)
    {
        var workspace = incident.Workspace();
        var platform = platforms.Get(incident.Platform);
        // The channel is the incident's own (private when restricted), so the draft is complete.
        var markdown = await drafter.DraftAsync(incident, redact: false, cancellationToken);
        var file = new ChatFile(PostMortemDrafter.FileName(incident), $"{incident.Key.Key} post-mortem draft", Encoding.UTF8.GetBytes(markdown))
        {
            InitialComment = RichText.Of($"📝 Post-mortem draft for {incident.Key.Key}, from its record and timeline (asked by {RichText.Mention(request.RequestedBy)}). "
                + $"Copy it to your post-mortem document, complete the open sections, then {RichText.Code("postmortem done <link>")}."),
        };
        try
        {
            var fileId = await platform.UploadFileAsync(workspace, channel, file, cancellationToken);
            logger.DraftUploaded(incident.Number, workspace, fileId);
            return fileId;
        }
        catch (NotSupportedException)
        {
            logger.UploadUnsupported(platform.Name, incident.Number, incident.Workspace());
            var posted = await platform.PostAsync(workspace, channel, ChatMessage.Plain(RichText.Of(
                $"📝 The post-mortem draft of {incident.Key.Key} is ready at {RichText.Code($"GET /api/incidents/{incident.Number}/postmortem.md")} (this platform cannot take files).")),
                cancellationToken);
            return posted.MessageId;
        }
    }
}
