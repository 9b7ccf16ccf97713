using IncidentBot.Dialogs.Trends;

namespace IncidentBot.Dialogs.Tests.Trends;

public sealed class TrendPercentilesTests
{
    [Theory]
    [InlineData(new long[] { 5 }, 5, 5)]
    [InlineData(new long[] { 40, 10, 30, 20 }, 20, 40)]
    [InlineData(new long[] { 1, 2, 3, 4, 5, 6, 7, 8, 9, 10 }, 5, 9)]
    [InlineData(new long[] { 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11 }, 6, 10)]
    public void Nearest_rank_takes_the_value_at_the_ceiling_of_p_times_n(long[] values, long p50, long p90)
    {
        Assert.Equal(new TrendPercentiles(p50, p90), TrendPercentiles.Of([.. values]));
    }

    [Fact]
    public void No_values_have_no_percentiles() => Assert.Equal(TrendPercentiles.Empty, TrendPercentiles.Of([]));

    [Theory]
    [InlineData("2026-11-23T00:00:00Z", "2026-11-23")] // a Monday
    [InlineData("2026-11-29T23:59:59Z", "2026-11-23")] // the Sunday after
    [InlineData("2026-11-22T23:59:59Z", "2026-11-16")]
    public void A_week_is_keyed_by_its_monday_in_utc(string at, string key) =>
        Assert.Equal(key, TrendKeys.Week(DateTimeOffset.Parse(at, System.Globalization.CultureInfo.InvariantCulture)));
}
