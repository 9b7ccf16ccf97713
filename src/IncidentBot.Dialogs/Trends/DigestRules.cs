namespace IncidentBot.Dialogs.Trends;

/// <summary>
/// When the weekly trends digest goes to the announcement channel: a day and a time of day in the
/// workspace's zone (its own, else the working-hours default zone), and the cut it shows.
/// Off unless the policy file has a <c>digest</c> section: posting to a shared channel every week is
/// a team's choice (the example policy file turns it on).
/// </summary>
public sealed record DigestRules
{
    public bool IsEnabled { get; init; }

    public DayOfWeek Day { get; init; } = DayOfWeek.Monday;

    public TimeOnly Time { get; init; } = new(9, 0);

    /// <summary>Null: the calendar's default zone.</summary>
    public TimeZoneInfo? Zone { get; init; }

    public TrendCut Cut { get; init; } = TrendCut.Source;

    public static DigestRules Default { get; } = new();
}
