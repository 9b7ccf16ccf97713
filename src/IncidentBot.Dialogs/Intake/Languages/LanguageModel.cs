using System.Collections.Frozen;
using System.Globalization;

namespace IncidentBot.Dialogs.Intake.Languages;

/// <summary>
/// The trained tables behind <see cref="LanguageDetector"/>, read from
/// <c>language-model.tsv</c> (built by <c>tools/language-model/build-model.mjs</c>): character
/// n-gram counts per language and the function-word list. Immutable once loaded.
/// </summary>
internal sealed class LanguageModel
{
    /// <summary>
    /// Columns of the count and strength tables, in the model file's order. <see cref="Latn"/> is
    /// no answer: it is Latin-script text that is not English (other languages of the UDHR,
    /// romanised Hindustani), which English text must read less like than like English.
    /// </summary>
    public const int Ne = 0, Bho = 1, Hi = 2, Mai = 3, En = 4, Latn = 5;
    public const int ColumnCount = 6;
    public const int MaxOrder = 5;

    private static readonly string[] ExpectedColumns = ["ne", "bho", "hi", "mai", "en", "latn"];

    // Per kept n-gram: its count in each column, then how many different characters followed
    // it in each column (its continuation types, for Witten-Bell smoothing).
    private const int RowWidth = 2 * ColumnCount;

    private readonly FrozenDictionary<ulong, int> _grams;
    private readonly float[] _counts;
    private readonly FrozenDictionary<string, int>.AlternateLookup<ReadOnlySpan<char>> _words;
    private readonly FrozenDictionary<string, int>.AlternateLookup<ReadOnlySpan<char>> _suffixes;
    private readonly float[] _strengths;

    private LanguageModel(
        FrozenDictionary<ulong, int> grams, float[] counts, float[] characterTotals, float[] characterTypes,
        FrozenDictionary<string, int> words, FrozenDictionary<string, int> suffixes, float[] strengths, int maxSuffixLength)
    {
        _grams = grams;
        _counts = counts;
        CharacterTotals = characterTotals;
        CharacterTypes = characterTypes;
        _words = words.GetAlternateLookup<ReadOnlySpan<char>>();
        _suffixes = suffixes.GetAlternateLookup<ReadOnlySpan<char>>();
        _strengths = strengths;
        MaxSuffixLength = maxSuffixLength;
    }

    /// <summary>Characters (unigrams) counted per language: the context count of order 1.</summary>
    public float[] CharacterTotals { get; }

    /// <summary>Different characters per language: the continuation types of the empty context.</summary>
    public float[] CharacterTypes { get; }

    public int MaxSuffixLength { get; }

    /// <summary>The row of an n-gram key (see <see cref="Code"/>), or -1 when it was not kept.</summary>
    public int Row(ulong key) => _grams.TryGetValue(key, out var row) ? row : -1;

    /// <summary>Count of the n-gram in <paramref name="row"/> for a language; 0 for row -1.</summary>
    public float Count(int row, int column) => row < 0 ? 0f : _counts[(row * RowWidth) + column];

    /// <summary>How many different characters followed the n-gram in <paramref name="row"/> in a column; 0 for row -1.</summary>
    public float Types(int row, int column) => row < 0 ? 0f : _counts[(row * RowWidth) + ColumnCount + column];

    /// <summary>Strengths of a whole word per column, or empty.</summary>
    public ReadOnlySpan<float> WordStrengths(ReadOnlySpan<char> word) =>
        _words.TryGetValue(word, out var row) ? _strengths.AsSpan(row * ColumnCount, ColumnCount) : default;

    /// <summary>Strengths of the longest listed ending of a word (never the whole word), or empty.</summary>
    public ReadOnlySpan<float> SuffixStrengths(ReadOnlySpan<char> word)
    {
        for (var length = Math.Min(MaxSuffixLength, word.Length - 1); length > 0; length--)
        {
            if (_suffixes.TryGetValue(word[^length..], out var row))
                return _strengths.AsSpan(row * ColumnCount, ColumnCount);
        }
        return default;
    }

    /// <summary>
    /// An 8-bit code per character, so an n-gram of up to 7 characters packs into one
    /// <see cref="ulong"/> (first character in the highest byte used) and no lookup allocates.
    /// 0 is never a code, so grams of different lengths never share a key.
    /// </summary>
    public static ulong Code(char c) => c switch
    {
        ' ' => 1,
        >= 'a' and <= 'z' => (ulong)(c - 'a' + 2),
        >= '\u0900' and <= '\u097F' => (ulong)(c - '\u0900' + 28),
        >= '\u00C0' and <= '\u024F' => 156,
        _ => 157,
    };

    public static ulong Key(ReadOnlySpan<char> gram)
    {
        ulong key = 0;
        foreach (var c in gram)
            key = (key << 8) | Code(c);
        return key;
    }

    public static LanguageModel Read(TextReader reader)
    {
        var grams = new Dictionary<ulong, int>();
        var counts = new List<float>();
        var words = new Dictionary<string, int>(StringComparer.Ordinal);
        var suffixes = new Dictionary<string, int>(StringComparer.Ordinal);
        var strengths = new List<float>();
        float[]? characterTotals = null;
        float[]? characterTypes = null;
        var maxSuffixLength = 0;
        var languagesChecked = false;

        while (reader.ReadLine() is { } line)
        {
            if (line.Length == 0 || line[0] == '#')
                continue;
            var fields = line.Split('\t');
            switch (fields[0])
            {
                case "languages":
                    if (!fields.AsSpan(1).SequenceEqual(ExpectedColumns))
                        throw new InvalidDataException($"The language model's columns are {string.Join(',', fields[1..])}, expected {string.Join(',', ExpectedColumns)}.");
                    languagesChecked = true;
                    break;
                case "order" when fields[1] == "1":
                    characterTotals = [.. fields.AsSpan(2, ColumnCount).ToArray().Select(Parse)];
                    break;
                case "types":
                    characterTypes = [.. fields.AsSpan(1, ColumnCount).ToArray().Select(Parse)];
                    break;
                case "g":
                    // Sparse: one cell "column=count/types" per column that kept the n-gram.
                    var key = Key(fields[1]);
                    if (!grams.TryGetValue(key, out var row))
                    {
                        row = grams.Count;
                        grams.Add(key, row);
                        counts.AddRange(new float[RowWidth]);
                    }
                    foreach (var cell in fields.AsSpan(2))
                    {
                        var equals = cell.IndexOf('=', StringComparison.Ordinal);
                        var slash = cell.IndexOf('/', StringComparison.Ordinal);
                        var column = Array.IndexOf(ExpectedColumns, cell[..equals]);
                        // Two rare Latin letters share a code (see Code): their counts add up.
                        counts[(row * RowWidth) + column] += Parse(cell[(equals + 1)..slash]);
                        counts[(row * RowWidth) + ColumnCount + column] += Parse(cell[(slash + 1)..]);
                    }
                    break;
                case "w" or "s":
                    var table = fields[0] == "w" ? words : suffixes;
                    table.Add(fields[1], strengths.Count / ColumnCount);
                    for (var c = 0; c < ColumnCount; c++)
                        strengths.Add(Parse(fields[2 + c]));
                    if (fields[0] == "s")
                        maxSuffixLength = Math.Max(maxSuffixLength, fields[1].Length);
                    break;
            }
        }

        if (!languagesChecked || characterTotals is null || characterTypes is null || grams.Count == 0)
            throw new InvalidDataException("The language model is incomplete: it needs its languages, order, types and n-gram lines.");
        return new LanguageModel(
            grams.ToFrozenDictionary(), [.. counts], characterTotals, characterTypes,
            words.ToFrozenDictionary(StringComparer.Ordinal), suffixes.ToFrozenDictionary(StringComparer.Ordinal),
            [.. strengths], maxSuffixLength);
    }

    private static float Parse(string value) => float.Parse(value, NumberStyles.Float, CultureInfo.InvariantCulture);
}
