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
        // Normalize throws on an unpaired surrogate, which a platform's JSON can carry (Json.NET reads "\ud800").
        var text = WellFormed(title).Normalize(NormalizationForm.FormC);
        var builder = new StringBuilder(Math.Min(text.Length, maxLength));
        Span<char> units = stackalloc char[2];
        var pendingHyphen = false;
        // Text element by text element, so a Devanagari letter keeps its vowel signs; read in place, rune by rune,
        // without a string for each element, rune and lower-cased copy (a fiftieth of what a declare allocated).
        for (var rest = text.AsSpan(); !rest.IsEmpty;)
        {
            var element = rest[..StringInfo.GetNextTextElementLength(rest)];
            rest = rest[element.Length..];
            Rune.DecodeFromUtf16(element, out var first, out _);
            if (!IsWordy(Rune.GetUnicodeCategory(first)))
            {
                pendingHyphen = builder.Length > 0;
                continue;
            }
            var before = builder.Length;
            if (pendingHyphen)
                builder.Append('-');
            foreach (var rune in element.EnumerateRunes())
            {
                var lower = Rune.ToLowerInvariant(rune);
                if (IsNameCharacter(lower))
                    builder.Append(units[..lower.EncodeToUtf16(units)]);
            }
            // An element that does not fit whole ends the slug before it.
            if (builder.Length > maxLength)
            {
                builder.Length = before;
                break;
            }
            pendingHyphen = false;
        }
        return builder.ToString();
    }

    private static bool IsWordy(UnicodeCategory category) =>
        category is UnicodeCategory.LowercaseLetter or UnicodeCategory.UppercaseLetter or UnicodeCategory.TitlecaseLetter
            or UnicodeCategory.OtherLetter or UnicodeCategory.ModifierLetter or UnicodeCategory.DecimalDigitNumber;

    /// <summary>
    /// A text element is a letter with its vowel signs and other marks; what else can ride on
    /// it (zero-width joiners, variation selectors, skin tones) is invisible or not allowed in
    /// a name, and would let two names that look the same differ.
    /// </summary>
    private static bool IsNameCharacter(Rune rune)
    {
        var category = Rune.GetUnicodeCategory(rune);
        var isLetterOrMark = IsWordy(category) || category is UnicodeCategory.NonSpacingMark or UnicodeCategory.SpacingCombiningMark;
        // Variation selectors and the grapheme joiner count as marks but are invisible.
        var isInvisibleMark = rune.Value is (>= 0xFE00 and <= 0xFE0F) or (>= 0xE0100 and <= 0xE01EF) or 0x034F or (>= 0x180B and <= 0x180F);
        return isLetterOrMark && !isInvisibleMark;
    }

    /// <summary>The title itself, or, if it has an unpaired surrogate, a copy with U+FFFD in its place (dropped like any symbol).</summary>
    private static string WellFormed(string title)
    {
        for (var i = 0; i < title.Length; i++)
        {
            if (!char.IsSurrogate(title[i]))
                continue;
            if (char.IsHighSurrogate(title[i]) && i + 1 < title.Length && char.IsLowSurrogate(title[i + 1]))
            {
                i++;
                continue;
            }
            var copy = new StringBuilder(title.Length);
            foreach (var rune in title.EnumerateRunes())
                copy.Append(rune.ToString());
            return copy.ToString();
        }
        return title;
    }
}
