using System.Globalization;

namespace IncidentBot.Dialogs.Incidents;

/// <summary>Reading and showing severities the way people type them.</summary>
public static class SeverityText
{
    public const string Choices = "sev1, sev2, sev3 or sev4 (sev1 is the most severe)";

    /// <summary>Reads <c>sev1</c>, <c>SEV-1</c>, <c>s1</c> or <c>1</c>.</summary>
    public static bool TryParse(string? text, out Severity severity)
    {
        severity = default;
        if (string.IsNullOrWhiteSpace(text))
            return false;
        var span = text.AsSpan().Trim();
        if (span.StartsWith("sev", StringComparison.OrdinalIgnoreCase))
            span = span[3..];
        else if (span.StartsWith("s", StringComparison.OrdinalIgnoreCase))
            span = span[1..];
        if (span.StartsWith('-'))
            span = span[1..];
        if (span.Length != 1 || !int.TryParse(span, NumberStyles.None, CultureInfo.InvariantCulture, out var n) || n is < 1 or > 4)
            return false;
        severity = (Severity)n;
        return true;
    }

    /// <summary>True for words that are clearly meant as a severity (<c>sev9</c>), valid or not.</summary>
    public static bool LooksLikeSeverity(string text) =>
        text.Length is >= 4 and <= 6
        && text.StartsWith("sev", StringComparison.OrdinalIgnoreCase)
        && text[3..].TrimStart('-').All(char.IsAsciiDigit)
        && text[3..].TrimStart('-').Length > 0;

    public static string Label(this Severity severity) => $"SEV{(int)severity}";
}
