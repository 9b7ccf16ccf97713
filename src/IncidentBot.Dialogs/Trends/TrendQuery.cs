namespace IncidentBot.Dialogs.Trends;

/// <summary>
/// The incidents of one workspace declared in [<see cref="From"/>, <see cref="To"/>), split by
/// <see cref="Cut"/>. Pages and clocks count with the incident they belong to.
/// </summary>
public sealed record TrendQuery(string WorkspaceId, DateTimeOffset From, DateTimeOffset To, TrendCut Cut)
{
    /// <summary>The range when none is given: the last 30 days.</summary>
    public static readonly TimeSpan DefaultRange = TimeSpan.FromDays(30);

    /// <summary>Longer ranges are refused: a year by any cut is what the stores are sized for.</summary>
    public static readonly TimeSpan MaxRange = TimeSpan.FromDays(366);

    public TrendFilter Filter { get; init; } = TrendFilter.None;
}
