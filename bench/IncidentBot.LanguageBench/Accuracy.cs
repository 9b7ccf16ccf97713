using System.Globalization;

namespace IncidentBot.LanguageBench;

/// <summary>Right answers per expected language.</summary>
internal sealed class Accuracy
{
    private readonly SortedDictionary<string, (int Right, int All)> _tally = new(StringComparer.Ordinal);

    public void Add(string expected, string actual)
    {
        var (right, all) = _tally.GetValueOrDefault(expected);
        _tally[expected] = (right + (expected == actual ? 1 : 0), all + 1);
    }

    public IEnumerable<string> Languages => _tally.Keys;

    public int Right => _tally.Values.Sum(t => t.Right);

    public string Describe(string language) =>
        _tally.TryGetValue(language, out var t) ? Format(t.Right, t.All) : "—";

    public string DescribeAll() => Format(Right, _tally.Values.Sum(t => t.All));

    private static string Format(int right, int all) =>
        string.Create(CultureInfo.InvariantCulture, $"{right}/{all} {100.0 * right / all,5:0.0} %");
}
