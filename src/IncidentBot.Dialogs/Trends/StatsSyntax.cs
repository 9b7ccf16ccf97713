using IncidentBot.Dialogs.Commands;
using IncidentBot.Dialogs.Platform;

namespace IncidentBot.Dialogs.Trends;

public sealed class StatsSyntax : ICommandSyntax
{
    public const int DefaultDays = 30;

    private static readonly int[] Ranges = [7, 30, 90];

    private static readonly TrendCut[] Cuts = [TrendCut.Source, TrendCut.Market, TrendCut.Language, TrendCut.Severity, TrendCut.Regime];

    public string Verb => "stats";

    public IReadOnlyList<string> Aliases => ["trends"];

    public string Usage => "stats [7d|30d|90d] [by source|market|language|severity|regime]";

    public string Summary => "Incident figures of the last days with a chart: counts, time to acknowledge and resolve, clocks, pages.";

    public CommandScope Scope => CommandScope.Workspace;

    public int HelpOrder => 14;

    public Result<IncidentCommand> Parse(CommandArguments arguments)
    {
        ArgumentNullException.ThrowIfNull(arguments);
        var days = DefaultDays;
        var cut = TrendCut.Source;
        bool hasRange = false, hasCut = false;
        var tokens = arguments.Tokens;
        for (var i = 0; i < tokens.Count; i++)
        {
            var word = tokens[i].Text.ToLowerInvariant();
            if (!hasRange && word.EndsWith('d') && int.TryParse(word[..^1], out var n) && Ranges.Contains(n))
            {
                (days, hasRange) = (n, true);
                continue;
            }
            if (!hasCut && word == "by" && i + 1 < tokens.Count)
            {
                if (!TrendCutText.TryParse(tokens[i + 1].Text, out cut) || !Cuts.Contains(cut))
                    return new UserError("bad_syntax", $"{RichText.Code(tokens[i + 1].Text)} is not a cut: use source, market, language, severity or regime.", Usage);
                hasCut = true;
                i++;
                continue;
            }
            return new UserError("bad_syntax", $"{RichText.Code(tokens[i].Text)} is not understood here: give a range (7d, 30d or 90d) and {RichText.Code("by")} a cut.", Usage);
        }
        return new StatsCommand(days, cut);
    }
}
