using System.Globalization;
using System.Text.RegularExpressions;

namespace IncidentBot.Dialogs.Paging.Schedules;

/// <summary>Durations as people write them in the on-call file and in commands: <c>90s</c>, <c>5m</c>, <c>1h30m</c>, <c>12h</c>, <c>7d</c>, <c>2w</c>.</summary>
public static partial class DurationText
{
    public const string Examples = "5m, 1h30m, 12h, 7d or 2w";

    public static bool TryParse(string? text, out TimeSpan duration)
    {
        duration = TimeSpan.Zero;
        if (string.IsNullOrWhiteSpace(text))
            return false;
        var match = Pattern().Match(text.Trim().ToLowerInvariant());
        if (!match.Success)
            return false;
        var total = TimeSpan.Zero;
        foreach (Capture part in match.Groups["part"].Captures)
        {
            var unit = part.Value[^1];
            if (!long.TryParse(part.Value[..^1], NumberStyles.None, CultureInfo.InvariantCulture, out var n) || n > 100_000)
                return false;
            total += unit switch
            {
                'w' => TimeSpan.FromDays(7 * n),
                'd' => TimeSpan.FromDays(n),
                'h' => TimeSpan.FromHours(n),
                'm' => TimeSpan.FromMinutes(n),
                _ => TimeSpan.FromSeconds(n),
            };
        }
        duration = total;
        return total > TimeSpan.Zero;
    }

    [GeneratedRegex(@"^(?<part>\d+[wdhms])+$")]
    private static partial Regex Pattern();
}
