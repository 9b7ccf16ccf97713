using IncidentBot.Dialogs.Channels;
using IncidentBot.Dialogs.Incidents;
using IncidentBot.Dialogs.Platform;

namespace IncidentBot.Dialogs.Intake;

/// <summary>The pinned summary's reports line (count, sources, first and last seen) and the order's fields.</summary>
public sealed class IntakeSummarySection : IIncidentSummarySection
{
    public int Order => 5;

    public Task<IReadOnlyList<MessageBlock>> BuildAsync(Incident incident, CancellationToken cancellationToken) =>
        Task.FromResult(IntakeMessages.SummarySection(incident));
}
