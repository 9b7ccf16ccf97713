using IncidentBot.Dialogs.Incidents;

namespace IncidentBot.Dialogs.ActionItems;

/// <summary><c>action list</c>.</summary>
public sealed record ListActionsCommand(IncidentNumber? Target) : ActionCommand(Target)
{
    public override bool IsQuery => true;
}
