using System.Globalization;

namespace IncidentBot.Dialogs.Platform;

/// <summary>
/// Shortening text to a platform's limit without breaking what a reader sees as one character:
/// cuts fall between grapheme clusters (text elements), so a Devanagari consonant keeps its
/// vowel sign, an emoji keeps its skin tone, ZWJ partners and flag halves, and a letter keeps its
/// combining accents. Limits are counted in UTF-16 code units, as Slack and Teams count them.
/// Every place that shortens text for Slack, Teams, channel names or exports goes through here.
/// </summary>
public static class TextCut
{
    public const string Ellipsis = "…";

    /// <summary>At most <paramref name="max"/> UTF-16 units, ending with an ellipsis when cut.</summary>
    public static string Shorten(string text, int max)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (text.Length <= max)
            return text;
        if (max < Ellipsis.Length)
            return "";
        return string.Concat(text.AsSpan(0, FittingLength(text, max - Ellipsis.Length)), Ellipsis);
    }

    /// <summary>At most <paramref name="max"/> UTF-16 units and no ellipsis: for ids, values a handler parses, prefilled inputs.</summary>
    public static string Cut(string text, int max)
    {
        ArgumentNullException.ThrowIfNull(text);
        return text.Length <= max ? text : text[..FittingLength(text, max)];
    }

    /// <summary>The length of the longest run of whole text elements at the start of <paramref name="text"/> that fits in <paramref name="max"/> units.</summary>
    public static int FittingLength(ReadOnlySpan<char> text, int max)
    {
        if (text.Length <= max)
            return text.Length;
        var length = 0;
        while (length < text.Length)
        {
            var next = StringInfo.GetNextTextElementLength(text[length..]);
            if (length + next > max)
                break;
            length += next;
        }
        return length;
    }
}
