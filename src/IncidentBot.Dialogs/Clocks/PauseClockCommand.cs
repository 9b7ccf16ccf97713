using IncidentBot.Dialogs.Incidents;

namespace IncidentBot.Dialogs.Clocks;

/// <summary><c>clock pause &lt;name&gt; [reason]</c>.</summary>
public sealed record PauseClockCommand(IncidentNumber? Target, string Name, string? Reason) : ClockCommand(Target);
