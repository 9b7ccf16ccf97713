namespace IncidentBot.Dialogs.Trends;

/// <summary>
/// A bar chart, platform-neutral: categories along the bottom, one or more series of values each.
/// <see cref="IsStacked"/> stacks the series, otherwise they stand side by side. <see cref="AltText"/>
/// says what it shows in words, and the numbers go in a table beside it wherever it is shown.
/// </summary>
public sealed record TrendChart
{
    public required string Title { get; init; }

    public required string AltText { get; init; }

    public required string ValueLabel { get; init; }

    public required IReadOnlyList<string> Categories { get; init; }

    public required IReadOnlyList<TrendChartSeries> Series { get; init; }

    public bool IsStacked { get; init; }

    /// <summary>Values are counts (whole-number ticks), not durations.</summary>
    public bool IsCount { get; init; } = true;

    public bool IsEmpty => Categories.Count == 0 || Series.All(s => s.Values.All(v => v == 0));
}
