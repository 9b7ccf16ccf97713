using IncidentBot.Dialogs.Intake.Languages;

namespace IncidentBot.Dialogs.Tests.Intake.Languages;

public sealed class WordReaderTests
{
    [Fact]
    public void Skips_urls_mentions_and_email_addresses_and_strips_hashtag_markers()
    {
        var words = Read("Check #BlackoutChallenge @mod_team https://example.com/x www.example.org a@b.io NOW!");

        Assert.Equal(["check", "blackoutchallenge", "now"], words.Select(w => w.Word));
    }

    [Fact]
    public void Splits_on_digits_danda_underscores_and_a_change_of_script()
    {
        var words = Read("भिडियो२०२४ छ। #यो_भिडियो video०हटाउ");

        Assert.Equal(
            [("भिडियो", WordScript.Devanagari), ("छ", WordScript.Devanagari), ("यो", WordScript.Devanagari),
             ("भिडियो", WordScript.Devanagari), ("video", WordScript.Latin), ("हटाउ", WordScript.Devanagari)],
            words);
    }

    [Fact]
    public void Drops_zero_width_joiners_and_reads_an_apostrophe_after_devanagari_as_avagraha()
    {
        var words = Read("पुर\u094D\u200Dयाउने भ' कʼ don't");

        Assert.Equal(["पुर्याउने", "भऽ", "कऽ", "don", "t"], words.Select(w => w.Word));
    }

    [Fact]
    public void Counts_letters_of_other_scripts_without_reading_them_as_words()
    {
        var reader = new WordReader("Это видео ok");
        Span<char> buffer = stackalloc char[16];
        var words = 0;
        while (reader.Next(buffer, out _, out _, out _))
            words++;

        Assert.Equal(1, words);
        Assert.Equal(8, reader.OtherLetters);
    }

    [Fact]
    public void Keeps_the_start_of_a_word_longer_than_the_buffer_and_counts_all_its_letters()
    {
        var reader = new WordReader("abcdefghij");
        Span<char> buffer = stackalloc char[4];

        Assert.True(reader.Next(buffer, out var length, out var letters, out _));
        Assert.Equal("abcd", buffer[..length].ToString());
        Assert.Equal(10, letters);
        Assert.False(reader.Next(buffer, out _, out _, out _));
    }

    private static List<(string Word, WordScript Script)> Read(string text)
    {
        var reader = new WordReader(text);
        Span<char> buffer = stackalloc char[LanguageDetector.MaxWordLength];
        var words = new List<(string, WordScript)>();
        while (reader.Next(buffer, out var length, out _, out var script))
            words.Add((buffer[..length].ToString(), script));
        return words;
    }
}
