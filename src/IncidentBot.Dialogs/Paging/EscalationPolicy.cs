using IncidentBot.Dialogs.Incidents;

namespace IncidentBot.Dialogs.Paging;

/// <summary>
/// Ordered steps, each paged in turn until someone acknowledges; the whole list runs
/// <c>1 + Repeats</c> times; then the fallback channel is told nobody answered.
/// A copy is stored on every page, so a configuration reload never changes a running escalation.
/// </summary>
public sealed record EscalationPolicy(string Id, string Name, IReadOnlyList<EscalationStep> Steps, int Repeats, ChannelId? FallbackChannel);
