namespace IncidentBot.Dialogs.Trends;

/// <summary>
/// Nearest-rank percentiles of a duration in whole seconds: the value at rank ⌈p·n⌉ of the n
/// values in ascending order (so p50 of four values is the second). Null when no incident had one.
/// </summary>
public sealed record TrendPercentiles(long? P50, long? P90)
{
    public static TrendPercentiles Empty { get; } = new(null, null);

    /// <summary>The 1-based rank of the p50 among <paramref name="count"/> values: ⌈n/2⌉.</summary>
    public static int MedianRank(int count) => (count + 1) / 2;

    /// <summary>The 1-based rank of the p90 among <paramref name="count"/> values: ⌈9n/10⌉.</summary>
    public static int P90Rank(int count) => (int)((9L * count + 9) / 10);

    /// <summary>From the values (sorted in place).</summary>
    public static TrendPercentiles Of(List<long> values)
    {
        ArgumentNullException.ThrowIfNull(values);
        if (values.Count == 0)
            return Empty;
        values.Sort();
        return new(values[MedianRank(values.Count) - 1], values[P90Rank(values.Count) - 1]);
    }
}
