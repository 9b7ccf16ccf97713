using IncidentBot.Dialogs.Commands;
using IncidentBot.Dialogs.Trends;

namespace IncidentBot.Dialogs.Tests.Trends;

public sealed class StatsSyntaxTests
{
    private static readonly CommandParser Parser = new([new StatsSyntax()]);

    [Theory]
    [InlineData("stats", 30, TrendCut.Source)]
    [InlineData("stats 7d", 7, TrendCut.Source)]
    [InlineData("stats 90d by market", 90, TrendCut.Market)]
    [InlineData("stats by regime 7d", 7, TrendCut.Regime)]
    [InlineData("STATS BY Language", 30, TrendCut.Language)]
    [InlineData("trends 30d by severity", 30, TrendCut.Severity)]
    public void Reads_the_range_and_the_cut_in_any_order(string text, int days, TrendCut cut)
    {
        var parsed = Parser.Parse(text);

        Assert.True(parsed.IsSuccess);
        Assert.Equal(new StatsCommand(days, cut), parsed.Value);
        Assert.True(parsed.Value.IsQuery);
    }

    [Theory]
    [InlineData("stats 14d", "`14d` is not understood")]
    [InlineData("stats by week", "`week` is not a cut")]
    [InlineData("stats by", "`by` is not understood")]
    [InlineData("stats 7d 30d", "`30d` is not understood")]
    public void Refuses_what_it_does_not_know_with_the_usage(string text, string message)
    {
        var parsed = Parser.Parse(text);

        Assert.False(parsed.IsSuccess);
        Assert.Contains(message, parsed.Error.Message.ToPlainText(), StringComparison.Ordinal);
        Assert.Equal(new StatsSyntax().Usage, parsed.Error.Usage);
    }
}
