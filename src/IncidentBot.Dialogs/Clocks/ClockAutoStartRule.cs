using IncidentBot.Dialogs.Incidents;

namespace IncidentBot.Dialogs.Clocks;

/// <summary>
/// Clocks that start by themselves when an incident is declared with this source, severity and
/// market. An empty condition matches everything; markets match when the incident has any of them.
/// </summary>
public sealed record ClockAutoStartRule
{
    public IReadOnlySet<IncidentSource> Sources { get; init; } = new HashSet<IncidentSource>();

    public IReadOnlySet<Severity> Severities { get; init; } = new HashSet<Severity>();

    public IReadOnlySet<string> Markets { get; init; } = new HashSet<string>(StringComparer.Ordinal);

    public required IReadOnlyList<string> Clocks { get; init; }

    public bool Matches(Incident incident) =>
        (Sources.Count == 0 || Sources.Contains(incident.Source))
        && (Severities.Count == 0 || Severities.Contains(incident.Severity))
        && (Markets.Count == 0 || incident.Markets.Any(Markets.Contains));
}
