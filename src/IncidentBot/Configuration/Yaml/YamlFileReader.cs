using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using IncidentBot.Dialogs;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace IncidentBot.Configuration.Yaml;

/// <summary>
/// Reads one YAML configuration file through YamlDotNet's representation model and collects every
/// problem with its line and column, so that a bad file is reported whole, in one format, whichever
/// file it is. Messages read <c>where: what is wrong; how to fix it</c>.
/// </summary>
public sealed class YamlFileReader(string file)
{
    private readonly List<YamlFileError> _errors = [];

    public delegate bool TryParse<T>(string text, out T value);

    public int ErrorCount => _errors.Count;

    /// <summary>Every problem, in line and column order.</summary>
    public IReadOnlyList<YamlFileError> Errors => [.. _errors.OrderBy(e => e.Line).ThenBy(e => e.Column)];

    /// <summary>
    /// The root of the first document; null when the file holds nothing (no error: each file says
    /// what empty means) or is not YAML (an error at the spot the parser stopped).
    /// </summary>
    public YamlNode? Load(string text)
    {
        var stream = new YamlStream();
        try
        {
            stream.Load(new StringReader(text));
        }
        catch (YamlException e)
        {
            Error(e.Start, $"the file is not valid YAML: {Reason(e)}; check the indentation, quotes and brackets here and on the line above");
            return null;
        }
        return stream.Documents.Count == 0 || stream.Documents[0].RootNode is YamlScalarNode { Value: null or "" }
            ? null
            : stream.Documents[0].RootNode;
    }

    public void Error(YamlNode at, string message) => Error(at.Start, message);

    public void Error(Mark at, string message) =>
        _errors.Add(new YamlFileError(file, (int)Math.Max(1, at.Line), (int)Math.Max(1, at.Column), message.TrimEnd('.')));

    /// <summary>The mapping's values by key; a key not in <paramref name="allowed"/> is an error that suggests the nearest one.</summary>
    public Dictionary<string, YamlNode> Keys(YamlNode node, string where, params string[] allowed)
    {
        var keys = new Dictionary<string, YamlNode>(StringComparer.Ordinal);
        foreach (var (key, keyNode, value) in Entries(node, where, allowed))
        {
            if (allowed.Contains(key, StringComparer.Ordinal))
                keys[key] = value;
            else
                Error(keyNode, UnknownKey(where, key, allowed));
        }
        return keys;
    }

    /// <summary>Every entry of a mapping whose keys are data (clock names, severities), not a fixed set.</summary>
    public IReadOnlyList<(string Key, YamlNode KeyNode, YamlNode Value)> Entries(YamlNode node, string where, string[]? allowed = null)
    {
        if (node is YamlMappingNode mapping)
            return [.. mapping.Children.Select(c => ((c.Key as YamlScalarNode)?.Value ?? "", c.Key, c.Value))];
        Error(node, $"{where}: expected `key: value` lines" + (allowed is null ? "" : $" with {string.Join(", ", allowed)}"));
        return [];
    }

    /// <summary>The value of a key the mapping must have; its absence is an error at the mapping.</summary>
    public YamlNode? Required(IReadOnlyDictionary<string, YamlNode> keys, string key, YamlNode owner, string where, string hint)
    {
        if (keys.TryGetValue(key, out var node))
            return node;
        Error(owner, $"{where}: `{key}` is missing; {hint}");
        return null;
    }

    public IReadOnlyList<YamlNode> List(YamlNode node, string where)
    {
        if (node is YamlSequenceNode sequence)
            return [.. sequence.Children];
        Error(node, $"{where}: expected a list (lines starting with `- `, or `[a, b]`)");
        return [];
    }

    public string? Text(YamlNode node, string where)
    {
        if (node is YamlScalarNode { Value: { Length: > 0 } value })
            return value.Trim();
        Error(node, $"{where}: expected a single value");
        return null;
    }

    /// <summary>A single value or a list of single values, each with its node for the line.</summary>
    public IReadOnlyList<(string Text, YamlNode At)> Items(YamlNode? node, string where)
    {
        switch (node)
        {
            case null:
                return [];
            case YamlScalarNode { Value: { Length: > 0 } value }:
                return [(value.Trim(), node)];
            case YamlSequenceNode list:
                var items = new List<(string, YamlNode)>();
                foreach (var item in list.Children)
                {
                    if (item is YamlScalarNode { Value: { Length: > 0 } text })
                        items.Add((text.Trim(), item));
                    else
                        Error(item, $"{where}: expected a single value in this list");
                }
                return items;
            default:
                Error(node, $"{where}: expected a value or a list of values");
                return [];
        }
    }

    /// <summary>A value read with <paramref name="parse"/>; when it fails: <c>where: `text` is <paramref name="expected"/></c>.</summary>
    public bool TryValue<T>(YamlNode node, string where, TryParse<T> parse, string expected, [MaybeNullWhen(false)] out T value)
    {
        value = default;
        if (Text(node, where) is not { } text)
            return false;
        if (parse(text, out value))
            return true;
        Error(node, $"{where}: `{text}` is {expected}");
        return false;
    }

    /// <summary>A value read by a domain parser whose error says what is wrong and how to fix it.</summary>
    public bool TryValue<T>(YamlNode node, string where, Func<string, Result<T>> parse, [MaybeNullWhen(false)] out T value)
    {
        value = default;
        if (Text(node, where) is not { } text)
            return false;
        var parsed = parse(text);
        if (parsed.IsSuccess)
        {
            value = parsed.Value;
            return true;
        }
        Error(node, where, parsed.Error);
        return false;
    }

    /// <summary>A domain parser's error (written for chat, so capitalised) as a problem of this file.</summary>
    public void Error(YamlNode at, string where, UserError error) => Error(at, $"{where}: {LowerFirst(error.Message.ToPlainText())}");

    /// <summary>A single value or a list, each item read with <paramref name="parse"/>; each bad item is an error at its own line.</summary>
    public List<T> Values<T>(YamlNode? node, string where, TryParse<T> parse, string expected)
    {
        var values = new List<T>();
        foreach (var (text, at) in Items(node, where))
        {
            if (parse(text, out var value))
                values.Add(value);
            else
                Error(at, $"{where}: `{text}` is {expected}");
        }
        return values;
    }

    /// <summary>A time zone by IANA name; both files find zones their own way (<paramref name="find"/>) but word a bad one alike.</summary>
    public bool TryZone(YamlNode node, string where, TryParse<TimeZoneInfo> find, [MaybeNullWhen(false)] out TimeZoneInfo zone) =>
        TryValue(node, where, find, "not a known time zone; use an IANA name such as Europe/Berlin, Asia/Kathmandu or UTC", out zone);

    public bool TryTime(YamlNode node, string where, out TimeOnly time) =>
        TryValue(node, where, TryParseTime, "not a time of day; write it as 09:00", out time);

    public bool TryDate(YamlNode node, string where, out DateOnly date) =>
        TryValue(node, where, TryParseDate, "not a date; write it as 2026-01-05", out date);

    public bool TryInt(YamlNode node, string where, int min, int max, out int value) =>
        TryValue(node, where, (string text, out int n) => int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out n) && n >= min && n <= max,
            $"not a whole number; write one from {min} to {max}", out value);

    public bool TryBool(YamlNode node, string where, out bool value) =>
        TryValue(node, where, (string text, out bool b) => (b = text is "true" or "yes") || text is "false" or "no", "not true or false; write one of them", out value);

    public static bool TryParseTime(string text, out TimeOnly time) =>
        TimeOnly.TryParseExact(text, ["HH:mm", "H:mm"], CultureInfo.InvariantCulture, DateTimeStyles.None, out time);

    public static bool TryParseDate(string text, out DateOnly date) =>
        DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out date);

    private static string UnknownKey(string where, string key, string[] allowed)
    {
        var nearest = allowed.Select(a => (Key: a, Distance: Distance(key.ToLowerInvariant(), a.ToLowerInvariant())))
            .OrderBy(a => a.Distance).FirstOrDefault();
        var known = $"expected one of {string.Join(", ", allowed)}";
        return nearest.Key is not null && nearest.Distance <= Math.Max(1, key.Length / 3)
            ? $"{where}: unknown key `{key}`; did you mean `{nearest.Key}`? ({known})"
            : $"{where}: unknown key `{key}`; {known}";
    }

    /// <summary>Edits between two keys, a swap of neighbours counting as one (the usual typo).</summary>
    private static int Distance(string a, string b)
    {
        var d = new int[a.Length + 1, b.Length + 1];
        for (var i = 0; i <= a.Length; i++)
            d[i, 0] = i;
        for (var j = 0; j <= b.Length; j++)
            d[0, j] = j;
        for (var i = 1; i <= a.Length; i++)
        {
            for (var j = 1; j <= b.Length; j++)
            {
                var cost = a[i - 1] == b[j - 1] ? 0 : 1;
                d[i, j] = Math.Min(Math.Min(d[i - 1, j] + 1, d[i, j - 1] + 1), d[i - 1, j - 1] + cost);
                if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1])
                    d[i, j] = Math.Min(d[i, j], d[i - 2, j - 2] + 1);
            }
        }
        return d[a.Length, b.Length];
    }

    private static string LowerFirst(string text) =>
        text.Length > 1 && char.IsUpper(text[0]) && !char.IsUpper(text[1]) ? char.ToLowerInvariant(text[0]) + text[1..] : text;

    /// <summary>YamlDotNet's message without its own "(Line: …, Col: …)" prefix, which the error format already carries.</summary>
    private static string Reason(YamlException e)
    {
        var text = (e.InnerException?.Message ?? e.Message).TrimEnd('.');
        var close = text.LastIndexOf("): ", StringComparison.Ordinal);
        return close >= 0 ? text[(close + 3)..] : text;
    }
}
