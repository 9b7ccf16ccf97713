using IncidentBot.Dialogs.Incidents;

namespace IncidentBot.Dialogs.Clocks;

/// <summary><c>clock met &lt;name&gt;</c>: the deadline was met now.</summary>
public sealed record MeetClockCommand(IncidentNumber? Target, string Name) : ClockCommand(Target);
