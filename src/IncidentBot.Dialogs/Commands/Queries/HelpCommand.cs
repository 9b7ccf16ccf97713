namespace IncidentBot.Dialogs.Commands.Queries;

public sealed record HelpCommand(string? Topic) : IncidentCommand
{
    public override bool IsQuery => true;
}
