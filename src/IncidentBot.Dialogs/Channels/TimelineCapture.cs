using IncidentBot.Dialogs.Incidents;
using IncidentBot.Dialogs.Platform;

namespace IncidentBot.Dialogs.Channels;

/// <summary>
/// Adds a chat message to an incident's timeline when someone reacts to it with the
/// configured emoji. Keyed by the message, so several reactions record it once.
/// </summary>
public sealed class TimelineCapture(IncidentStore store, TimeProvider clock)
{
    public async Task<bool> CaptureAsync(
        WorkspaceId workspace, ChannelId channel, string messageId, UserId by, string text, string? link, CancellationToken cancellationToken)
    {
        var found = await store.FindByChannelAsync(workspace, channel, cancellationToken);
        if (found is null)
            return false;
        var incident = found.Value;
        await store.RecordAsync(new TimelineEvent
        {
            Id = TimelineEvent.IdFor(incident.Number, "msg-" + messageId),
            WorkspaceId = workspace.Value,
            IncidentNumber = incident.Number,
            At = clock.GetUtcNow(),
            Actor = by,
            Kind = TimelineKind.MessageAdded,
            Text = ChatText.Truncate(text, 3000),
            Link = link,
        }, cancellationToken);
        return true;
    }
}
