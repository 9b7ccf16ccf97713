using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace IncidentBot.Dialogs.Time;

/// <summary>Durations as people type them: <c>45m</c>, <c>1h</c>, <c>1h30m</c>, <c>24h</c>, <c>7d</c>.</summary>
public static partial class DurationText
{
    public const string Examples = "30m, 1h, 1h30m, 24h or 7d";

    /// <summary>Reads a duration; the error names what is wrong with it. Zero and negative durations are refused.</summary>
    public static Result<TimeSpan> Parse(string? text, string what, TimeSpan min, TimeSpan max)
    {
        var trimmed = (text ?? "").Trim();
        if (trimmed.Length == 0)
            return new UserError("bad_duration", $"Give the {what}, e.g. {Examples}.");
        if (trimmed.StartsWith('-') || trimmed.StartsWith('−'))
            return new UserError("bad_duration", $"The {what} `{trimmed}` is negative; give a length of time such as {Examples}.");
        var match = Pattern().Match(trimmed);
        if (!match.Success || match.Length == 0 || !match.Groups.Values.Skip(1).Any(g => g.Success))
            return new UserError("bad_duration", $"`{trimmed}` is not a {what}; write it like {Examples}.");
        double total = 0;
        total += Amount(match, "d") * 86_400;
        total += Amount(match, "h") * 3_600;
        total += Amount(match, "m") * 60;
        if (double.IsInfinity(total) || total > max.TotalSeconds)
            return new UserError("bad_duration", $"A {what} of `{trimmed}` is more than {Format(max)}; that is not a deadline this bot can keep.");
        var duration = TimeSpan.FromSeconds(total);
        if (duration <= TimeSpan.Zero)
            return new UserError("bad_duration", $"A {what} of `{trimmed}` is no time at all; give a length such as {Examples}.");
        if (duration < min)
            return new UserError("bad_duration", $"A {what} of `{trimmed}` is shorter than {Format(min)}.");
        return duration;
    }

    /// <summary>The short form this type reads back: <c>1h</c>, <c>1h30m</c>, <c>7d</c>, <c>1d12h</c>.</summary>
    public static string Format(TimeSpan duration)
    {
        if (duration <= TimeSpan.Zero)
            return "0m";
        var builder = new StringBuilder();
        if (duration.Days > 0)
            builder.Append(duration.Days.ToString(CultureInfo.InvariantCulture)).Append('d');
        if (duration.Hours > 0)
            builder.Append(duration.Hours.ToString(CultureInfo.InvariantCulture)).Append('h');
        if (duration.Minutes > 0)
            builder.Append(duration.Minutes.ToString(CultureInfo.InvariantCulture)).Append('m');
        if (builder.Length == 0)
            builder.Append(duration.Seconds.ToString(CultureInfo.InvariantCulture)).Append('s');
        return builder.ToString();
    }

    private static double Amount(Match match, string unit) =>
        match.Groups[unit].Success ? double.Parse(match.Groups[unit].Value, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture) : 0;

    [GeneratedRegex(@"^(?:(?<d>\d{1,12}(?:\.\d+)?)\s*(?:d|day|days))?\s*(?:(?<h>\d{1,12}(?:\.\d+)?)\s*(?:h|hr|hrs|hour|hours))?\s*(?:(?<m>\d{1,12})\s*(?:m|min|mins|minute|minutes))?$",
        RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex Pattern();
}
