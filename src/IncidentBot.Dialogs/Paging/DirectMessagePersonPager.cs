using IncidentBot.Dialogs.Incidents;
using IncidentBot.Dialogs.Platform;
using IncidentBot.Dialogs.Storage;

namespace IncidentBot.Dialogs.Paging;

/// <summary>The fallback <see cref="IPersonPager"/>: a direct message through the outbox, once per key.</summary>
public sealed class DirectMessagePersonPager(Outbox outbox, DeliveryLedger deliveries) : IPersonPager
{
    public static readonly TimeSpan RememberFor = TimeSpan.FromDays(30);

    public async Task PagePersonAsync(Incident incident, UserId person, string reason, string dedupeKey, CancellationToken cancellationToken)
    {
        var workspace = incident.Workspace();
        var key = $"page-{incident.Number}-{dedupeKey}";
        if (!await deliveries.TryClaimAsync(workspace, key, RememberFor, cancellationToken))
            return;
        var text = RichText.Of($"🚨 {RichText.Bold(incident.Key.Key)}: {reason}{(incident.Channel is { } channel ? RichText.Of($" {RichText.Channel(channel)}") : RichText.Empty)}");
        await outbox.SendAsync(workspace, incident.Platform, key, null, person, ChatMessage.Plain(text), cancellationToken);
    }
}
