using IncidentBot.Dialogs.Incidents;

namespace IncidentBot.Dialogs.Commands.Queries;

public sealed record ShowCommand(IncidentNumber? Target) : IncidentCommand
{
    public override bool IsQuery => true;
}
