using IncidentBot.Dialogs.Incidents;
using IncidentBot.Dialogs.Storage;
using IncidentBot.Dialogs.Work;

namespace IncidentBot.Dialogs.Platform;

/// <summary>Sends one stored message, then deletes it; a send that fails is retried by the job system.</summary>
public sealed class OutgoingMessageSender(IDocumentStore documents, ChatPlatforms platforms) : IWorkHandler
{
    public const string WorkKind = "send";

    public string Kind => WorkKind;

    public async Task<WorkOutcome> RunAsync(WorkspaceId workspace, string targetId, CancellationToken cancellationToken)
    {
        var stored = await documents.ReadAsync<OutgoingMessage>(workspace.Value, targetId, cancellationToken);
        if (stored is null)
            return WorkOutcome.Done;
        var message = stored.Value;
        var platform = platforms.Get(message.Platform);
        if (message.ReplyAddress is { } address && await platform.ReplyAsync(workspace, address, message.Message, cancellationToken))
        {
            await documents.DeleteAsync(workspace.Value, targetId, null, cancellationToken);
            return WorkOutcome.Done;
        }
        if (message.Channel is { } channel && message.User is { } viewer)
            await platform.PostPrivatelyAsync(workspace, channel, viewer, message.Message, cancellationToken);
        else if (message.Channel is { } publicChannel)
            await platform.PostAsync(workspace, publicChannel, message.Message, cancellationToken);
        else
            await platform.SendDirectAsync(workspace, message.User!.Value, message.Message, cancellationToken);
        await documents.DeleteAsync(workspace.Value, targetId, null, cancellationToken);
        return WorkOutcome.Done;
    }
}
