using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using IncidentBot.Dialogs.Platform;

namespace IncidentBot.Dialogs.Time;

/// <summary>
/// Durations as people write them, in commands, the policy file and the on-call file. One
/// grammar everywhere: one or more parts, each a number and a unit, in any order, summed
/// (<c>1h30m</c> = <c>30m1h</c>, <c>1h1h</c> = <c>2h</c>).
/// <list type="bullet">
/// <item>Numbers: ASCII digits, optionally with a decimal point (<c>1.5h</c>, <c>0.5d</c>).</item>
/// <item>Units, in any case: <c>w</c>/<c>wk</c>/<c>wks</c>/<c>week</c>/<c>weeks</c>,
/// <c>d</c>/<c>day</c>/<c>days</c>, <c>h</c>/<c>hr</c>/<c>hrs</c>/<c>hour</c>/<c>hours</c>,
/// <c>m</c>/<c>min</c>/<c>mins</c>/<c>minute</c>/<c>minutes</c>,
/// <c>s</c>/<c>sec</c>/<c>secs</c>/<c>second</c>/<c>seconds</c>.</item>
/// <item>Spaces are allowed around the text, between a number and its unit and between parts
/// (<c>2 hours</c>, <c>1h 30m</c>).</item>
/// </list>
/// Examples: <c>90s</c>, <c>45m</c>, <c>90min</c>, <c>1h</c>, <c>1h30m</c>, <c>1.5h</c>, <c>24h</c>,
/// <c>7d</c>, <c>2w</c>. Zero, negative and empty durations are refused.
/// </summary>
public static partial class DurationText
{
    /// <summary>Examples for deadlines, windows and times ago (commands and the policy file).</summary>
    public const string Examples = "30m, 1h, 1h30m, 24h or 7d";

    /// <summary>Examples for shifts, waits and overrides (the on-call file and <c>override</c>).</summary>
    public const string ScheduleExamples = "5m, 1h30m, 12h, 7d or 2w";

    // Far beyond any sensible duration and below TimeSpan.MaxValue, so no sum can overflow.
    private static readonly TimeSpan Longest = TimeSpan.FromDays(10_000_000);

    /// <summary>Reads a duration; the error names what is wrong with it. Zero and negative durations are refused.</summary>
    public static Result<TimeSpan> Parse(string? text, string what, TimeSpan min, TimeSpan max)
    {
        var trimmed = (text ?? "").Trim();
        if (trimmed.Length == 0)
            return new UserError("bad_duration", $"Give the {what}, e.g. {Examples}.");
        if (trimmed.StartsWith('-') || trimmed.StartsWith('−'))
            return new UserError("bad_duration", $"The {what} {RichText.Code(trimmed)} is negative; give a length of time such as {Examples}.");
        if (!TrySeconds(trimmed, out var total))
            return new UserError("bad_duration", $"{RichText.Code(trimmed)} is not a {what}; write it like {Examples}.");
        if (double.IsInfinity(total) || total > max.TotalSeconds)
            return new UserError("bad_duration", $"A {what} of {RichText.Code(trimmed)} is more than {Format(max)}; that is not a deadline this bot can keep.");
        var duration = TimeSpan.FromSeconds(total);
        if (duration <= TimeSpan.Zero)
            return new UserError("bad_duration", $"A {what} of {RichText.Code(trimmed)} is no time at all; give a length such as {Examples}.");
        if (duration < min)
            return new UserError("bad_duration", $"A {what} of {RichText.Code(trimmed)} is shorter than {Format(min)}.");
        return duration;
    }

    /// <summary>Reads a duration where the caller words the error itself; false for text that is no positive duration.</summary>
    public static bool TryParse(string? text, out TimeSpan duration)
    {
        duration = TimeSpan.Zero;
        if (!TrySeconds((text ?? "").Trim(), out var total) || double.IsInfinity(total) || total > Longest.TotalSeconds)
            return false;
        duration = TimeSpan.FromSeconds(total);
        return duration > TimeSpan.Zero;
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

    /// <summary>
    /// The total in seconds, summed in the order written: for <c>1.5d2h</c> that is the same
    /// floating-point sum, and so the same value, as the grammar of fixed d-h-m order gave.
    /// </summary>
    private static bool TrySeconds(string trimmed, out double total)
    {
        total = 0;
        var match = Pattern().Match(trimmed);
        if (!match.Success)
            return false;
        var amounts = match.Groups["amount"].Captures;
        var units = match.Groups["unit"].Captures;
        for (var i = 0; i < amounts.Count; i++)
            total += double.Parse(amounts[i].Value, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture) * SecondsPer(units[i].Value);
        return true;
    }

    private static double SecondsPer(string unit) => char.ToLowerInvariant(unit[0]) switch
    {
        'w' => 7 * 86_400,
        'd' => 86_400,
        'h' => 3_600,
        'm' => 60,
        _ => 1,
    };

    // [0-9], not \d: other scripts' digits would match \d and then fail double.Parse.
    [GeneratedRegex(@"^(?:(?<amount>[0-9]+(?:\.[0-9]+)?)\s*(?<unit>weeks|week|wks|wk|w|days|day|d|hours|hour|hrs|hr|h|minutes|minute|mins|min|m|seconds|second|secs|sec|s)\s*)+$",
        RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex Pattern();
}
