namespace IncidentBot.Dialogs.Trends;

/// <summary>Cut names as people type them in <c>by=</c> and <c>stats … by</c>.</summary>
public static class TrendCutText
{
    public const string Choices = "source, market, language, severity, regime, week or lead";

    public static bool TryParse(string? text, out TrendCut cut)
    {
        cut = default;
        var trimmed = text?.Trim();
        if (string.IsNullOrEmpty(trimmed) || int.TryParse(trimmed, out _))
            return false;
        return Enum.TryParse(trimmed, ignoreCase: true, out cut) && Enum.IsDefined(cut);
    }

    public static string Name(this TrendCut cut) => cut.ToString().ToLowerInvariant();
}
