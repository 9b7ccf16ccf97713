using System.Globalization;
using IncidentBot.Dialogs.Channels;
using IncidentBot.Dialogs.Platform;
using IncidentBot.Testing.Builders;

namespace IncidentBot.Dialogs.Tests.Platform;

public sealed class TextCutTests
{
    // "Removal order from the Nepal Telecommunications Authority about a harmful social media challenge",
    // in Nepali: consonants with vowel signs (ा ि ी े ो), viramas (्) and a nukta-free conjunct on almost every syllable.
    private const string NepaliTitle =
        "नेपाल दूरसञ्चार प्राधिकरणबाट सामाजिक सञ्जालमा फैलिएको हानिकारक चुनौती सम्बन्धी सामग्री हटाउने आदेश प्राप्त भएको छ र तत्काल कारबाही आवश्यक छ";

    public static TheoryData<string, string> Texts() => new()
    {
        { "Nepali", NepaliTitle },
        { "emoji with skin tones", string.Concat(Enumerable.Repeat("👍🏽👋🏿", 12)) },
        { "ZWJ family and flags", string.Concat(Enumerable.Repeat("👨‍👩‍👧‍👦🇳🇵🇮🇳🏳️‍🌈", 6)) },
        { "combining marks", string.Concat(Enumerable.Repeat("e\u0301a\u0308\u0323o\u0302\u0300 ", 10)) },
        { "keycaps and tags", string.Concat(Enumerable.Repeat("1️⃣🏴󠁧󠁢󠁳󠁣󠁴󠁿", 8)) },
    };

    [Theory]
    [MemberData(nameof(Texts))]
    public void Shorten_at_any_limit_keeps_whole_grapheme_clusters_and_fits(string name, string text)
    {
        for (var max = 1; max < text.Length; max++)
        {
            var shortened = TextCut.Shorten(text, max);

            Assert.True(shortened.Length <= max, $"{name}: {shortened.Length} > {max}");
            Assert.EndsWith(TextCut.Ellipsis, shortened, StringComparison.Ordinal);
            AssertWholeClusterPrefix(name, text, shortened[..^TextCut.Ellipsis.Length], max - TextCut.Ellipsis.Length);
        }
    }

    [Theory]
    [MemberData(nameof(Texts))]
    public void Cut_at_any_limit_keeps_whole_grapheme_clusters_and_fits(string name, string text)
    {
        for (var max = 0; max < text.Length; max++)
        {
            var cut = TextCut.Cut(text, max);

            Assert.True(cut.Length <= max, $"{name}: {cut.Length} > {max}");
            AssertWholeClusterPrefix(name, text, cut, max);
        }
    }

    [Fact]
    public void Shorten_leaves_text_that_fits_alone()
    {
        Assert.Equal("नेपाल 🇳🇵", TextCut.Shorten("नेपाल 🇳🇵", 10));
    }

    [Fact]
    public void Shorten_drops_a_whole_flag_rather_than_half_of_it()
    {
        // 🇳🇵 is two regional indicators (four UTF-16 units); keeping one would show a lone letter box.
        Assert.Equal("ab…", TextCut.Shorten("ab🇳🇵cd", 5));
    }

    [Fact]
    public void Shorten_keeps_a_Devanagari_consonant_with_its_vowel_sign()
    {
        // "नेपाली" = ने पा ली: a cut after the consonant प would show "प" without its "ा", a different syllable.
        Assert.Equal("नेपा…", TextCut.Shorten("नेपाली समाचार", 6));
    }

    [Fact]
    public void The_summary_header_of_a_long_Nepali_title_ends_on_a_whole_syllable()
    {
        // Padding moves the 150-unit cut across every position inside a syllable.
        for (var padding = 0; padding < 10; padding++)
        {
            var incident = new IncidentBuilder().WithTitle(new string('!', padding) + NepaliTitle + " " + NepaliTitle).Build();

            var header = Assert.IsType<HeaderBlock>(IncidentMessages.Summary(incident, []).Blocks[0]).Text.ToPlainText();

            Assert.True(header.Length <= 150);
            Assert.EndsWith(TextCut.Ellipsis, header, StringComparison.Ordinal);
            AssertWholeClusterPrefix("header", $"{incident.Key.Key} · {incident.Title}", header[..^TextCut.Ellipsis.Length], 150 - TextCut.Ellipsis.Length);
        }
    }

    private static void AssertWholeClusterPrefix(string name, string text, string prefix, int budget)
    {
        Assert.StartsWith(prefix, text, StringComparison.Ordinal);
        var boundaries = StringInfo.ParseCombiningCharacters(text).Append(text.Length).ToHashSet();
        Assert.True(boundaries.Contains(prefix.Length),
            $"{name}, budget {budget}: the cut at {prefix.Length} splits a grapheme cluster (…{Escape(text.Substring(Math.Max(0, prefix.Length - 3), Math.Min(6, text.Length - Math.Max(0, prefix.Length - 3))))})");
        // Nothing was given away: the next whole cluster would not have fitted in the budget.
        if (prefix.Length < text.Length)
        {
            var next = StringInfo.GetNextTextElementLength(text.AsSpan(prefix.Length));
            Assert.True(prefix.Length + next > budget, $"{name}, budget {budget}: cut at {prefix.Length} although the next cluster ({next} units) fitted");
        }
    }

    private static string Escape(string text) => string.Concat(text.Select(c => $"\\u{(int)c:X4}"));
}
