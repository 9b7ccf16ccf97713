using IncidentBot.Dialogs.Incidents;
using IncidentBot.Dialogs.Time;

namespace IncidentBot.Dialogs.ActionItems;

/// <summary><c>action add &lt;text&gt; @owner [due &lt;date&gt;]</c>.</summary>
public sealed record AddActionCommand(IncidentNumber? Target, string Text, UserId Owner, DueInput? Due) : ActionCommand(Target);
