using IncidentBot.Dialogs.Incidents;
using IncidentBot.Dialogs.Platform;

namespace IncidentBot.Dialogs.Channels;

/// <summary>A feature's part of the pinned summary (clocks, pages); the channel job asks every registered one.</summary>
public interface IIncidentSummarySection
{
    int Order { get; }

    Task<IReadOnlyList<MessageBlock>> BuildAsync(Incident incident, CancellationToken cancellationToken);
}
