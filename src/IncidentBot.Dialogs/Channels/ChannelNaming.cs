using System.Globalization;
using System.Text;
using IncidentBot.Dialogs.Incidents;
using IncidentBot.Dialogs.Platform;

namespace IncidentBot.Dialogs.Channels;

/// <summary>
/// Channel names within Slack's rules: at most 80 characters, lower case, letters (any
/// script), digits, hyphens and underscores. A restricted incident's title stays out of
/// the name, since names show up in notifications and search.
/// </summary>
public static class ChannelNaming
{
    public const int MaxLength = 80;

    public static string For(Incident incident)
    {
        var prefix = string.Create(CultureInfo.InvariantCulture, $"inc-{incident.Number}");
        if (incident.IsRestricted)
            return prefix + "-restricted";
        var slug = Slug(incident.Title, MaxLength - prefix.Length - 1);
        return slug.Length == 0 ? prefix : $"{prefix}-{slug}";
    }

    /// <summary>A name with a numeric suffix, for when the name is taken.</summary>
    public static string WithSuffix(string name, int suffix)
    {
        var tail = string.Create(CultureInfo.InvariantCulture, $"-{suffix}");
        if (name.Length + tail.Length <= MaxLength)
            return name + tail;
        return TextCut.Cut(name, MaxLength - tail.Length).TrimEnd('-') + tail;
    }

    public static string Slug(string title, int maxLength)
    {
        var builder = new StringBuilder(title.Length);
        var pendingHyphen = false;
        // Work on text elements so a Devanagari letter keeps its vowel signs.
        // Normalize throws on an unpaired surrogate, which a platform's JSON can carry (Json.NET
        // reads "\ud800"); enumerating runes turns one into U+FFFD, dropped like any symbol.
        var wellFormed = string.Concat(title.EnumerateRunes().Select(r => r.ToString()));
        var elements = StringInfo.GetTextElementEnumerator(wellFormed.Normalize(NormalizationForm.FormC));
        while (elements.MoveNext())
        {
            var element = (string)elements.Current;
            var category = CharUnicodeInfo.GetUnicodeCategory(element, 0);
            var isWordy = category is UnicodeCategory.LowercaseLetter or UnicodeCategory.UppercaseLetter
                or UnicodeCategory.TitlecaseLetter or UnicodeCategory.OtherLetter or UnicodeCategory.ModifierLetter
                or UnicodeCategory.DecimalDigitNumber;
            if (!isWordy)
            {
                pendingHyphen = builder.Length > 0;
                continue;
            }
            var lower = NameCharacters(element.ToLowerInvariant());
            var needed = lower.Length + (pendingHyphen ? 1 : 0);
            if (builder.Length + needed > maxLength)
                break;
            if (pendingHyphen)
                builder.Append('-');
            builder.Append(lower);
            pendingHyphen = false;
        }
        return builder.ToString();
    }

    /// <summary>
    /// A text element is a letter with its vowel signs and other marks; what else can ride on
    /// it (zero-width joiners, variation selectors, skin tones) is invisible or not allowed in
    /// a name, and would let two names that look the same differ.
    /// </summary>
    private static string NameCharacters(string element)
    {
        var kept = new StringBuilder(element.Length);
        foreach (var rune in element.EnumerateRunes())
        {
            var isLetterOrMark = Rune.GetUnicodeCategory(rune) is UnicodeCategory.LowercaseLetter or UnicodeCategory.UppercaseLetter
                or UnicodeCategory.TitlecaseLetter or UnicodeCategory.OtherLetter or UnicodeCategory.ModifierLetter
                or UnicodeCategory.NonSpacingMark or UnicodeCategory.SpacingCombiningMark or UnicodeCategory.DecimalDigitNumber;
            // Variation selectors and the grapheme joiner count as marks but are invisible.
            var isInvisibleMark = rune.Value is (>= 0xFE00 and <= 0xFE0F) or (>= 0xE0100 and <= 0xE01EF) or 0x034F or (>= 0x180B and <= 0x180F);
            if (isLetterOrMark && !isInvisibleMark)
            {
                kept.Append(rune.ToString());
            }
        }
        return kept.ToString();
    }
}
