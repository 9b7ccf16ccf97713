using IncidentBot.Dialogs.Incidents;

namespace IncidentBot.Dashboard;

/// <summary>One line of the open incidents: the incident as the viewer may see it, and its live clocks.</summary>
public sealed record OpenIncidentRow(Incident Incident, bool IsWithheld, IReadOnlyList<LiveClock> Clocks);
