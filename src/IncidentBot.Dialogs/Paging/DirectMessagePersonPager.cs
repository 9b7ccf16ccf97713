using IncidentBot.Dialogs.Incidents;
using IncidentBot.Dialogs.Platform;

namespace IncidentBot.Dialogs.Paging;

/// <summary>The fallback <see cref="IPersonPager"/>: a direct message through the outbox, once per key.</summary>
public sealed class DirectMessagePersonPager(Outbox outbox) : IPersonPager
{
    public Task PagePersonAsync(Incident incident, UserId person, string reason, string dedupeKey, CancellationToken cancellationToken) =>
        outbox.SendAsync(new WorkspaceId(incident.WorkspaceId), incident.Platform, $"page-{incident.Number}-{dedupeKey}", null, person,
            ChatMessage.Plain($"🚨 *{incident.Key.Key}*: {reason}" + (incident.Channel is { } channel ? $" {channel.Mention}" : "")), cancellationToken);
}
