using IncidentBot.Dialogs.Commands;

namespace IncidentBot.Dialogs.ActionItems;

/// <summary><c>mine</c>: my open action items and post-mortems across incidents.</summary>
public sealed record MineCommand : IncidentCommand
{
    public override bool IsQuery => true;
}
