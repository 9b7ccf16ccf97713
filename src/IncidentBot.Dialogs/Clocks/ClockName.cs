using System.Text.RegularExpressions;
using IncidentBot.Dialogs.Platform;

namespace IncidentBot.Dialogs.Clocks;

/// <summary>Clock names: lower case letters, digits and hyphens, as in <c>eu-tco-removal</c>.</summary>
public static partial class ClockName
{
    public const int MaxLength = 40;

    public static Result<string> Parse(string? text)
    {
        var name = (text ?? "").Trim().ToLowerInvariant();
        if (name.Length == 0)
            return new UserError("bad_clock", $"Name the clock, e.g. {RichText.Code("eu-tco-removal")}.");
        if (name.Length > MaxLength || !Pattern().IsMatch(name))
            return new UserError("bad_clock", $"{RichText.Code(text ?? "")} cannot be a clock name: use up to {MaxLength} lower case letters, digits and hyphens, e.g. {RichText.Code("partner-response")}.");
        return name;
    }

    [GeneratedRegex("^[a-z0-9](?:[a-z0-9-]*[a-z0-9])?$", RegexOptions.CultureInvariant)]
    private static partial Regex Pattern();
}
