using IncidentBot.Dialogs.Incidents;
using IncidentBot.Dialogs.Time;

namespace IncidentBot.Dialogs.Clocks;

/// <summary><c>clock start &lt;name&gt; [&lt;duration&gt;] [--from &lt;time&gt;]</c>; no window means the clock rules'.</summary>
public sealed record StartClockCommand(IncidentNumber? Target, string Name, TimeSpan? Window, TimeInput? From) : ClockCommand(Target);
