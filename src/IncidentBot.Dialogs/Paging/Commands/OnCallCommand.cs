using IncidentBot.Dialogs.Commands;

namespace IncidentBot.Dialogs.Paging.Commands;

/// <summary><c>oncall [team]</c>: who is on call now and next.</summary>
public sealed record OnCallCommand(string? Team) : IncidentCommand
{
    public override bool IsQuery => true;
}
