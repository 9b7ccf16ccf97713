using IncidentBot.Dialogs.Incidents;

namespace IncidentBot.Dialogs.Paging.Routing;

/// <summary>
/// Which policies an incident pages. Every condition given must hold; a list matches when
/// the incident has any of its values; an empty list is no condition.
/// </summary>
public sealed record RoutingRule
{
    public required string Name { get; init; }

    public IReadOnlySet<IncidentSource> Sources { get; init; } = new HashSet<IncidentSource>();

    public IReadOnlySet<Severity> Severities { get; init; } = new HashSet<Severity>();

    /// <summary>ISO 3166-1 codes, upper case.</summary>
    public IReadOnlySet<string> Markets { get; init; } = new HashSet<string>(StringComparer.Ordinal);

    /// <summary>ISO 639 codes, lower case.</summary>
    public IReadOnlySet<string> Languages { get; init; } = new HashSet<string>(StringComparer.Ordinal);

    public required IReadOnlyList<string> EscalationPolicyIds { get; init; }

    public bool Matches(Incident incident) =>
        (Sources.Count == 0 || Sources.Contains(incident.Source))
        && (Severities.Count == 0 || Severities.Contains(incident.Severity))
        && (Markets.Count == 0 || incident.Markets.Any(Markets.Contains))
        && (Languages.Count == 0 || incident.Languages.Any(Languages.Contains));
}
