using IncidentBot.Dialogs.Incidents;

namespace IncidentBot.Dialogs.Paging.Routing;

/// <summary>Routing as a pure function: the escalation policies an incident pages, each once, in the order of the rules.</summary>
public static class PageRouter
{
    public static IReadOnlyList<string> EscalationPolicyIdsFor(IEnumerable<RoutingRule> rules, Incident incident) =>
        [.. rules.Where(r => r.Matches(incident)).SelectMany(r => r.EscalationPolicyIds).Distinct(StringComparer.Ordinal)];
}
