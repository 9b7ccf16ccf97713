using System.Globalization;
using System.Text;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using IncidentBot.Dialogs.Channels;
using IncidentBot.Testing.Builders;

namespace IncidentBot.Dialogs.Tests.Channels;

public sealed class ChannelNamingTests
{
    private static string NameFor(string title) => ChannelNaming.For(new IncidentBuilder().WithTitle(title).Build());

    /// <summary>Slack's rules as we apply them: at most 80 characters, lower case, letters (with their marks), digits, single inner hyphens.</summary>
    private static void AssertFollowsSlackRules(string name)
    {
        Assert.InRange(name.Length, 1, ChannelNaming.MaxLength);
        Assert.Equal(name.ToLowerInvariant(), name);
        Assert.DoesNotContain("--", name, StringComparison.Ordinal);
        Assert.False(name.StartsWith('-') || name.EndsWith('-'), $"'{name}' starts or ends with a hyphen");
        foreach (var rune in name.EnumerateRunes())
        {
            var category = Rune.GetUnicodeCategory(rune);
            var isVariationSelector = rune.Value is (>= 0xFE00 and <= 0xFE0F) or (>= 0xE0100 and <= 0xE01EF);
            var allowed = rune.Value is '-' or '_' || Rune.IsLetterOrDigit(rune)
                || (category is UnicodeCategory.NonSpacingMark or UnicodeCategory.SpacingCombiningMark && !isVariationSelector && rune.Value != 0x034F);
            Assert.True(allowed, $"'{name}' contains U+{rune.Value:X4} ({category})");
        }
    }

    [Fact]
    public void The_name_is_the_incident_number_and_the_title_in_lower_case()
    {
        Assert.Equal("inc-42-harmful-challenge-spreading-among-teenagers", NameFor("Harmful Challenge spreading among TEENAGERS"));
    }

    [Fact]
    public void Punctuation_and_spaces_collapse_to_single_hyphens()
    {
        Assert.Equal("inc-42-payments-down-eu-again", NameFor("Payments: DOWN!!! (EU) -- again?"));
    }

    [Fact]
    public void Leading_and_trailing_punctuation_leave_no_hyphen()
    {
        Assert.Equal("inc-42-outage", NameFor("  ...Outage?!  "));
    }

    [Fact]
    public void A_devanagari_title_keeps_its_vowel_signs()
    {
        Assert.Equal("inc-42-सामाजिक-सञ्जालमा-हानिकारक-चुनौती", NameFor("सामाजिक सञ्जालमा हानिकारक चुनौती"));
    }

    [Fact]
    public void Decomposed_accents_are_composed()
    {
        Assert.Equal("inc-42-café-down", NameFor("Cafe\u0301 down"));
    }

    [Fact]
    public void Emoji_and_invisible_characters_are_left_out()
    {
        Assert.Equal("inc-42-kid-safety-ab", NameFor("🚨 Kid👍🏻 safety a\u200Db\uFE0F"));
    }

    [Fact]
    public void A_title_without_letters_or_digits_gives_the_number_alone()
    {
        Assert.Equal("inc-42", NameFor("🔥🔥 !!! 🔥"));
    }

    [Fact]
    public void A_long_title_is_cut_at_eighty_characters()
    {
        var name = NameFor(string.Join(' ', Enumerable.Repeat("abcdefghi", 20)));

        Assert.Equal("inc-42-" + string.Join('-', Enumerable.Repeat("abcdefghi", 7)) + "-abc", name);
    }

    [Fact]
    public void A_cut_right_after_a_word_leaves_no_trailing_hyphen()
    {
        Assert.Equal("inc-42-" + new string('a', 72), NameFor(new string('a', 72) + " b"));
    }

    [Fact]
    public void A_restricted_incident_never_puts_its_title_in_the_name()
    {
        var incident = new IncidentBuilder().WithTitle("Minor named Sita at risk").Restricted().Build();

        Assert.Equal("inc-42-restricted", ChannelNaming.For(incident));
    }

    [Fact]
    public void A_title_with_an_unpaired_surrogate_still_gets_a_name()
    {
        Assert.Equal("inc-42-a-b", NameFor("a\uD800b"));
    }

    [Fact]
    public void A_suffix_is_appended_to_a_short_name()
    {
        Assert.Equal("inc-42-outage-2", ChannelNaming.WithSuffix("inc-42-outage", 2));
    }

    [Fact]
    public void A_suffix_on_a_full_length_name_replaces_its_end()
    {
        var name = "inc-42-" + new string('a', 73);

        Assert.Equal("inc-42-" + new string('a', 71) + "-2", ChannelNaming.WithSuffix(name, 2));
    }

    [Fact]
    public void A_suffix_does_not_leave_a_double_hyphen()
    {
        var name = "inc-42-" + new string('a', 69) + "-bcd";

        Assert.Equal("inc-42-" + new string('a', 69) + "-12", ChannelNaming.WithSuffix(name, 12));
    }

    [Fact]
    public void A_suffix_does_not_split_a_letter_from_its_vowel_sign()
    {
        var name = "inc-42-" + string.Concat(Enumerable.Repeat("कि", 36)) + "a";

        var suffixed = ChannelNaming.WithSuffix(name, 2);

        Assert.Equal("inc-42-" + string.Concat(Enumerable.Repeat("कि", 35)) + "-2", suffixed);
    }

    [Fact]
    public void A_suffix_does_not_split_a_surrogate_pair()
    {
        var name = "inc-42-" + string.Concat(Enumerable.Repeat("𐐨", 36)) + "a";

        var suffixed = ChannelNaming.WithSuffix(name, 2);

        Assert.Equal("inc-42-" + string.Concat(Enumerable.Repeat("𐐨", 35)) + "-2", suffixed);
    }

    /// <summary>Titles as people write them, and worse: scripts, marks, emoji, joiners, broken surrogates.</summary>
    public static class Titles
    {
        private static readonly string[] Pieces =
        [
            "Payments", "DOWN", "ÉCOLE", "İstanbul", "ǅemal", "सामाजिक", "सञ्जालमा", "क्‍ष", "কলকাতা", "東京", "Ⅻ", "१२३", "42",
            " ", "  ", "-", "--", "_", "…", "!", "?", "/", "&", "<@U1>", "\u200D", "\u200B", "\uFE0F", "a\u034F", "a\U000E0100", "🏻", "👍🏻", "🚨",
            "e\u0301", "\u0301", "\uD800", "\uDC00", "\t", "\n",
        ];

        public static Arbitrary<string> Title() =>
            Gen.OneOf(
                    Gen.Elements(Pieces).ListOf().Select(string.Concat),
                    ArbMap.Default.GeneratorFor<NonNull<string>>().Select(s => s.Get))
                .ToArbitrary();
    }

    [Property(MaxTest = 1000, Arbitrary = [typeof(Titles)])]
    public void Any_title_gives_a_name_within_slacks_rules(string title)
    {
        AssertFollowsSlackRules(NameFor(title));
    }

    [Property(MaxTest = 1000, Arbitrary = [typeof(Titles)])]
    public void Any_name_with_any_suffix_stays_within_eighty_characters(string title, PositiveInt suffix)
    {
        var suffixed = ChannelNaming.WithSuffix(NameFor(title), suffix.Get);

        AssertFollowsSlackRules(suffixed);
        Assert.EndsWith("-" + suffix.Get.ToString(CultureInfo.InvariantCulture), suffixed, StringComparison.Ordinal);
    }

    [Property(MaxTest = 2000, Arbitrary = [typeof(Titles)])]
    public void Any_title_gets_the_slug_the_first_version_gave_it(string title)
    {
        Assert.Equal(FirstSlug(title, 73), ChannelNaming.Slug(title, 73));
        Assert.Equal(FirstSlug(title, 12), ChannelNaming.Slug(title, 12));
    }

    /// <summary>
    /// The slug as first written, a string for each text element and rune: the one in use reads them in place, and
    /// must name every channel as this did, so a channel's name does not depend on the version that opened it.
    /// </summary>
    private static string FirstSlug(string title, int maxLength)
    {
        var builder = new StringBuilder(title.Length);
        var pendingHyphen = false;
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
            var kept = new StringBuilder();
            foreach (var rune in element.ToLowerInvariant().EnumerateRunes())
            {
                var isLetterOrMark = Rune.GetUnicodeCategory(rune) is UnicodeCategory.LowercaseLetter or UnicodeCategory.UppercaseLetter
                    or UnicodeCategory.TitlecaseLetter or UnicodeCategory.OtherLetter or UnicodeCategory.ModifierLetter
                    or UnicodeCategory.NonSpacingMark or UnicodeCategory.SpacingCombiningMark or UnicodeCategory.DecimalDigitNumber;
                var isInvisibleMark = rune.Value is (>= 0xFE00 and <= 0xFE0F) or (>= 0xE0100 and <= 0xE01EF) or 0x034F or (>= 0x180B and <= 0x180F);
                if (isLetterOrMark && !isInvisibleMark)
                    kept.Append(rune.ToString());
            }
            var needed = kept.Length + (pendingHyphen ? 1 : 0);
            if (builder.Length + needed > maxLength)
                break;
            if (pendingHyphen)
                builder.Append('-');
            builder.Append(kept);
            pendingHyphen = false;
        }
        return builder.ToString();
    }
}
