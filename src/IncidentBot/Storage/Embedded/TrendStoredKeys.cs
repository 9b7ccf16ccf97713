using System.Text.Json;
using IncidentBot.Dialogs.Trends;

namespace IncidentBot.Storage.Embedded;

/// <summary>
/// The rows an <c>incident_facts</c> row counts in, from its stored key: one value (source, severity, lead, week) or
/// a JSON array (markets, languages, regimes), each distinct element once, no element the empty key. Worked out
/// once per distinct stored text: a year holds a few hundred of them across 100,000 rows.
/// </summary>
/// <remarks>
/// The rows are those of the json_each join this replaces: an element equal to an earlier one is skipped (SQL
/// equality, so nulls are never equal), a null or empty element counts as the empty key, and an empty or absent
/// array as one empty key.
/// </remarks>
internal sealed class TrendStoredKeys(TrendCut cut, Dictionary<string, TrendRowBuilder> groups)
{
    private readonly Dictionary<string, (TrendRowBuilder Group, string Name)[]> _known = new(StringComparer.Ordinal);
    private (TrendRowBuilder Group, string Name)[]? _absent;

    private bool IsArray => cut is TrendCut.Market or TrendCut.Language or TrendCut.Regime;

    /// <summary>Each row the incident counts in, with the stored name of its key (a regime row's clock name).</summary>
    public (TrendRowBuilder Group, string Name)[] Of(string? stored)
    {
        if (stored is null)
            return _absent ??= Rows([null]);
        if (!_known.TryGetValue(stored, out var rows))
            _known[stored] = rows = Rows(IsArray ? Elements(stored) : [stored]);
        return rows;
    }

    private (TrendRowBuilder, string)[] Rows(IReadOnlyList<string?> names) =>
        [.. names.Select(name => (Group(TrendKeys.FromStored(cut, name)), name ?? ""))];

    private TrendRowBuilder Group(string key)
    {
        if (!groups.TryGetValue(key, out var group))
            groups[key] = group = new TrendRowBuilder();
        return group;
    }

    private static List<string?> Elements(string json)
    {
        using var document = JsonDocument.Parse(json);
        var root = document.RootElement;
        // json_each yields a scalar itself.
        if (root.ValueKind != JsonValueKind.Array)
            return [Value(root)];
        var elements = new List<string?>();
        foreach (var element in root.EnumerateArray())
        {
            var value = Value(element);
            if (value is null || !elements.Contains(value, StringComparer.Ordinal))
                elements.Add(value);
        }
        return elements.Count == 0 ? [null] : elements;
    }

    private static string? Value(JsonElement element) => element.ValueKind switch
    {
        JsonValueKind.Null => null,
        JsonValueKind.String => element.GetString(),
        _ => element.GetRawText(),
    };
}
