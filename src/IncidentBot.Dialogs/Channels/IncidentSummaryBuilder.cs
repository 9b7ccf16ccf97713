using IncidentBot.Dialogs.Incidents;
using IncidentBot.Dialogs.Platform;

namespace IncidentBot.Dialogs.Channels;

/// <summary>The summary message with every feature's section (clocks, pages), for the pinned post and <c>show</c>.</summary>
public sealed class IncidentSummaryBuilder(IEnumerable<IIncidentSummarySection> sections)
{
    private readonly IIncidentSummarySection[] _sections = [.. sections.OrderBy(s => s.Order)];

    public async Task<ChatMessage> BuildAsync(Incident incident, CancellationToken cancellationToken)
    {
        var extra = new List<MessageBlock>();
        foreach (var section in _sections)
            extra.AddRange(await section.BuildAsync(incident, cancellationToken));
        return IncidentMessages.Summary(incident, extra);
    }
}
