namespace IncidentBot.Dialogs.Trends;

/// <summary>The rows of a cut and the total over the range (each incident once in the total).</summary>
public sealed record TrendReport(DateTimeOffset From, DateTimeOffset To, TrendCut Cut, IReadOnlyList<TrendRow> Rows, TrendRow Total)
{
    public const string TotalKey = "total";

    public const string NoKey = "none";

    /// <summary>Weeks in time order; other cuts most incidents first, then by key.</summary>
    public static TrendReport Create(TrendQuery query, IEnumerable<TrendRow> rows, TrendRow? total)
    {
        ArgumentNullException.ThrowIfNull(query);
        var ordered = query.Cut == TrendCut.Week
            ? rows.OrderBy(r => r.Key, StringComparer.Ordinal)
            : rows.OrderByDescending(r => r.Incidents).ThenBy(r => r.Key, StringComparer.Ordinal);
        return new TrendReport(query.From, query.To, query.Cut, [.. ordered], total ?? new TrendRow { Key = TotalKey });
    }
}
