namespace IncidentBot.Dialogs.Trends;

/// <summary>
/// The figures of one key of a cut (or of the whole range, for the total). Durations are
/// seconds from the incident's start (first report, else declaration) to its acknowledgement,
/// mitigation and resolution.
/// </summary>
public sealed record TrendRow
{
    /// <summary>The key (<c>regulator</c>, <c>IN</c>, <c>sev1</c>, a week's Monday, a user id), <c>none</c> when the incident has none, <c>total</c> for the total.</summary>
    public required string Key { get; init; }

    public int Incidents { get; init; }

    public int Reports { get; init; }

    public TrendPercentiles MttaSeconds { get; init; } = TrendPercentiles.Empty;

    public TrendPercentiles MttmSeconds { get; init; } = TrendPercentiles.Empty;

    public TrendPercentiles MttrSeconds { get; init; } = TrendPercentiles.Empty;

    public int ClocksMet { get; init; }

    /// <summary>Clocks whose window ended unmet, or that were met late.</summary>
    public int ClocksBreached { get; init; }

    /// <summary>Breached out of the clocks that ended (met or breached); null when none ended.</summary>
    public double? BreachRate => ClocksMet + ClocksBreached == 0 ? null : Math.Round((double)ClocksBreached / (ClocksMet + ClocksBreached), 4);

    /// <summary>Page messages sent to people.</summary>
    public int PagesSent { get; init; }

    /// <summary>Pages the person paged acknowledged themselves.</summary>
    public int PagesAcknowledged { get; init; }

    public int NightPages { get; init; }

    public int WeekendPages { get; init; }
}
