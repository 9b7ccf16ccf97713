namespace IncidentBot.Dialogs.Commands.Queries;

public sealed record ListCommand(bool IncludeFinished) : IncidentCommand
{
    public override bool IsQuery => true;
}
