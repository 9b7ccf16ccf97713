using IncidentBot.Dialogs.Reference;

namespace IncidentBot.Dialogs.Incidents;

/// <summary>Markets are ISO 3166-1 alpha-2 country codes (NP, IN), stored upper case.</summary>
public static class MarketCodes
{
    public static Result<IReadOnlyList<string>> ParseList(string text) =>
        CodeList.Parse(text, "market", s => s.ToUpperInvariant(), c => CodeCatalog.TryGetMarketName(c, out _),
            "Markets are ISO 3166-1 country codes such as NP, IN or BD.");

    public static string Describe(string code) =>
        CodeCatalog.TryGetMarketName(code, out var name) ? $"{code} ({ShortName(name)})" : code;

    /// <summary>"Nepali (macrolanguage)" reads as "Nepali" in a summary.</summary>
    private static string ShortName(string name) => name.IndexOf(" (", StringComparison.Ordinal) is > 0 and var cut ? name[..cut] : name;
}
