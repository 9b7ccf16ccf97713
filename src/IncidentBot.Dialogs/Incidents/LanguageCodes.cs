using IncidentBot.Dialogs.Reference;

namespace IncidentBot.Dialogs.Incidents;

/// <summary>Languages are ISO 639-1 (ne, hi) or ISO 639-3 (bho, mai) codes, stored lower case.</summary>
public static class LanguageCodes
{
    public static Result<IReadOnlyList<string>> ParseList(string text) =>
        CodeList.Parse(text, "language", s => s.ToLowerInvariant(), c => CodeCatalog.TryGetLanguageName(c, out _),
            "Languages are ISO 639 codes such as ne (Nepali), bho (Bhojpuri), hi (Hindi) or en.");

    public static string Describe(string code) =>
        CodeCatalog.TryGetLanguageName(code, out var name) ? $"{code} ({ShortName(name)})" : code;

    /// <summary>"Nepali (macrolanguage)" reads as "Nepali" in a summary.</summary>
    private static string ShortName(string name) => name.IndexOf(" (", StringComparison.Ordinal) is > 0 and var cut ? name[..cut] : name;
}
