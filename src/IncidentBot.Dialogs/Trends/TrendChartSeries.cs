namespace IncidentBot.Dialogs.Trends;

/// <summary>One series of a <see cref="TrendChart"/>: a value per category, in category order.</summary>
public sealed record TrendChartSeries(string Name, IReadOnlyList<double> Values);
