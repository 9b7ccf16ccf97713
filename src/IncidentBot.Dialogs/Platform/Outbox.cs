using IncidentBot.Dialogs.Incidents;
using IncidentBot.Dialogs.Storage;
using IncidentBot.Dialogs.Work;

namespace IncidentBot.Dialogs.Platform;

/// <summary>Stores a message and asks a job to send it.</summary>
public sealed class Outbox(IDocumentStore documents, WorkQueue work)
{
    /// <param name="id">Unique per message; derive it from the delivery so a repeat does not send twice.</param>
    /// <param name="replyAddress">A reply address from the person's action, tried before the channel or direct message.</param>
    public async Task SendAsync(
        WorkspaceId workspace, string platform, string id, ChannelId? channel, UserId? user, ChatMessage message, CancellationToken cancellationToken,
        string? replyAddress = null)
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
            Message = message,
        };
        await documents.UpsertAsync(outgoing, cancellationToken);
        await work.RequestAsync(workspace, OutgoingMessageSender.WorkKind, outgoing.Id, null, cancellationToken);
    }
}
