using IncidentBot.Dialogs.Incidents;

namespace IncidentBot.Dialogs.Trends;

/// <summary>An incident as exported, with its clocks met and breached by now.</summary>
public sealed record IncidentExportRow(Incident Incident, int ClocksMet, int ClocksBreached);
