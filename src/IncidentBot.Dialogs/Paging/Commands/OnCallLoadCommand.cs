using IncidentBot.Dialogs.Commands;

namespace IncidentBot.Dialogs.Paging.Commands;

/// <summary><c>oncall load [days]</c>: pages per person, at night and on weekends in their own zone.</summary>
public sealed record OnCallLoadCommand(int Days) : IncidentCommand
{
    public override bool IsQuery => true;
}
