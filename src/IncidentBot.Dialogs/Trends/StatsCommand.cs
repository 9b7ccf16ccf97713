using IncidentBot.Dialogs.Commands;

namespace IncidentBot.Dialogs.Trends;

/// <summary><c>stats [7d|30d|90d] [by …]</c>: trend figures of the last days, split by a cut.</summary>
public sealed record StatsCommand(int Days, TrendCut Cut) : IncidentCommand
{
    public override bool IsQuery => true;
}
