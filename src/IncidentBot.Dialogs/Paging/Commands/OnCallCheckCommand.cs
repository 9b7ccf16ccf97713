using IncidentBot.Dialogs.Commands;

namespace IncidentBot.Dialogs.Paging.Commands;

/// <summary><c>oncall check</c>: which people of the on-call file have no chat account with their e-mail.</summary>
public sealed record OnCallCheckCommand : IncidentCommand
{
    public override bool IsQuery => true;
}
