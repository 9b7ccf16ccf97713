using IncidentBot.Dialogs.Incidents;

namespace IncidentBot.Dialogs.ActionItems;

/// <summary><c>action done &lt;id&gt;</c>: only the owner or the incident's lead.</summary>
public sealed record CompleteActionCommand(IncidentNumber? Target, int Sequence) : ActionCommand(Target);
