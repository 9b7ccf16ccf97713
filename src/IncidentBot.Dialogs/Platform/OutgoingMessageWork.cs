using IncidentBot.Dialogs.Incidents;
using IncidentBot.Dialogs.Storage;
using IncidentBot.Dialogs.Work;

namespace IncidentBot.Dialogs.Platform;

/// <summary>
/// Sends one stored message, then deletes it. The message is claimed with its ETag first, so
/// of two runs at once (a retry racing a late job) only one sends; a claim whose run died is
/// taken over after <see cref="ClaimTimeout"/> (at-least-once, never lost).
/// </summary>
public sealed class OutgoingMessageWork(IDocumentStore documents, ChatPlatforms platforms, TimeProvider clock) : IWorkHandler
{
    public const string WorkKind = "send";

    public static readonly TimeSpan ClaimTimeout = TimeSpan.FromMinutes(2);

    public string Kind => WorkKind;

    public async Task<WorkOutcome> RunAsync(WorkspaceId workspace, string targetId, CancellationToken cancellationToken)
    {
        var stored = await documents.ReadAsync<OutgoingMessage>(workspace, targetId, cancellationToken);
        if (stored is null)
            return WorkOutcome.Done;
        var now = clock.GetUtcNow();
        if (stored.Value.SendingSince is { } since && now - since < ClaimTimeout)
            return WorkOutcome.RunAgain(since + ClaimTimeout); // another run is sending it; look again if it dies
        string claim;
        try
        {
            claim = await documents.ReplaceAsync(stored.Value with { SendingSince = now }, stored.ETag, cancellationToken);
        }
        catch (DocumentConflictException)
        {
            return WorkOutcome.RunAgain(now + ClaimTimeout);
        }

        try
        {
            await SendAsync(workspace, stored.Value, cancellationToken);
        }
        catch (Exception) when (!cancellationToken.IsCancellationRequested)
        {
            // Nothing was sent: release the claim so the job system's retry sends at once.
            await documents.ReplaceAsync(stored.Value with { SendingSince = null }, claim, CancellationToken.None);
            throw;
        }
        await documents.DeleteAsync(workspace, targetId, claim, cancellationToken);
        return WorkOutcome.Done;
    }

    private async Task SendAsync(WorkspaceId workspace, OutgoingMessage message, CancellationToken cancellationToken)
    {
        var platform = platforms.Get(message.Platform);
        if (message.ReplyAddress is { } address && await platform.ReplyAsync(workspace, address, message.Message, cancellationToken, message.ReplacesAnswer))
            return;
        if (message.Channel is { } channel && message.User is { } viewer)
            await platform.PostPrivatelyAsync(workspace, channel, viewer, message.Message, cancellationToken);
        else if (message.Channel is { } publicChannel)
            await platform.PostAsync(workspace, publicChannel, message.Message, cancellationToken);
        else
            await platform.SendDirectAsync(workspace, message.User!.Value, message.Message, cancellationToken);
    }
}
