using System.Collections.Frozen;

namespace IncidentBot.Dialogs.Reference;

/// <summary>
/// The ISO code lists markets and languages are checked against, loaded once from the
/// tab-separated files embedded beside this class.
/// </summary>
public static class CodeCatalog
{
    private static readonly Lazy<FrozenDictionary<string, string>> LanguageNames =
        new(() => Load("languages.tsv", StringComparer.Ordinal));

    private static readonly Lazy<FrozenDictionary<string, string>> MarketNames =
        new(() => Load("markets.tsv", StringComparer.Ordinal));

    /// <summary>ISO 639-1 (<c>ne</c>) or ISO 639-3 (<c>bho</c>) code, lower case.</summary>
    public static bool TryGetLanguageName(string code, out string name) =>
        LanguageNames.Value.TryGetValue(code, out name!);

    /// <summary>ISO 3166-1 alpha-2 code, upper case.</summary>
    public static bool TryGetMarketName(string code, out string name) =>
        MarketNames.Value.TryGetValue(code, out name!);

    private static FrozenDictionary<string, string> Load(string file, StringComparer comparer)
    {
        using var stream = typeof(CodeCatalog).Assembly.GetManifestResourceStream($"IncidentBot.Dialogs.Reference.{file}")
            ?? throw new InvalidOperationException($"Embedded code list {file} is missing from the build.");
        using var reader = new StreamReader(stream);
        var codes = new Dictionary<string, string>(comparer);
        while (reader.ReadLine() is { } line)
        {
            if (line.Length == 0 || line[0] == '#')
                continue;
            var tab = line.IndexOf('\t', StringComparison.Ordinal);
            codes.TryAdd(line[..tab], line[(tab + 1)..]);
        }
        return codes.ToFrozenDictionary(comparer);
    }
}
