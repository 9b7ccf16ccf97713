using IncidentBot.Dialogs.Channels;
using IncidentBot.Dialogs.Incidents;
using IncidentBot.Dialogs.Platform;
using IncidentBot.Dialogs.Storage;

namespace IncidentBot.Dialogs.Clocks;

/// <summary>
/// The clocks in the pinned summary: deadline and state of each. No "time left" here: the
/// summary is re-rendered only when something changes, so a countdown would be stale; the
/// deadline renders in each reader's own time zone instead.
/// </summary>
public sealed class ClockSummarySection(ClockStore clocks, TimeProvider clock) : IIncidentSummarySection
{
    public int Order => 50;

    public async Task<IReadOnlyList<MessageBlock>> BuildAsync(Incident incident, CancellationToken cancellationToken)
    {
        var found = await clocks.ListAsync(incident.Workspace(), incident.Key, cancellationToken);
        if (found.Count == 0)
            return [];
        var now = clock.GetUtcNow();
        var lines = found.Select(c => RichText.Of($"• {ClockMessages.Line(c.Value, now, showRemaining: false)}"));
        return [new TextBlock(RichText.Of($"{RichText.Bold("Clocks")}\n{RichText.Join(RichText.LineBreak, lines)}"))];
    }
}
