using IncidentBot.Dialogs.Incidents;
using IncidentBot.Dialogs.Storage;
using IncidentBot.Dialogs.Work;

namespace IncidentBot.Dialogs.Platform;

/// <summary>Stores a message and asks a job to send it.</summary>
public sealed class Outbox(DocumentWriter writer, WorkQueue work)
{
    /// <param name="id">Unique per message; derive it from the delivery so a repeat does not send twice.</param>
    /// <param name="replyAddress">A reply address from the person's action, tried before the channel or direct message.</param>
    public async Task SendAsync(
        WorkspaceId workspace, PlatformId platform, string id, ChannelId? channel, UserId? user, ChatMessage message, CancellationToken cancellationToken,
        string? replyAddress = null, bool replacesAnswer = false)
    {
        if (channel is null && user is null)
            throw new ArgumentException("A message needs a channel, a person, or both.");
        var outgoing = new OutgoingMessage
        {
            Id = "out-" + id,
            WorkspaceId = workspace.Value,
            Platform = platform,
            Channel = channel,
            User = user,
            ReplyAddress = replyAddress,
            ReplacesAnswer = replacesAnswer,
            Message = message,
        };
        // The message and the work that sends it: one unit, so a stored message is always sent.
        await writer.WriteAsync(workspace, (attempt, _) =>
        {
            attempt.Batch.Upsert(outgoing);
            return Task.FromResult(work.Add(attempt, new WorkRequest(OutgoingMessageWork.WorkKind, outgoing.Id)));
        }, cancellationToken);
    }
}
