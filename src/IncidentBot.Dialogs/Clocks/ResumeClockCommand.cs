using IncidentBot.Dialogs.Incidents;

namespace IncidentBot.Dialogs.Clocks;

/// <summary><c>clock resume &lt;name&gt;</c>.</summary>
public sealed record ResumeClockCommand(IncidentNumber? Target, string Name) : ClockCommand(Target);
