using IncidentBot.Dialogs.Platform;

namespace IncidentBot.Dialogs.Tests.Platform;

public sealed class ChatTextTests
{
    [Theory]
    [InlineData("plain text", "plain text")]
    [InlineData("<script> & co", "&lt;script&gt; &amp; co")]
    [InlineData("<@U1> <!channel> <https://x.example|click>", "&lt;@U1&gt; &lt;!channel&gt; &lt;https://x.example|click&gt;")]
    [InlineData("&amp; already", "&amp;amp; already")]
    [InlineData("सामाजिक & चुनौती", "सामाजिक &amp; चुनौती")]
    public void Escape_makes_markup_characters_show_as_typed(string text, string expected)
    {
        Assert.Equal(expected, ChatText.Escape(text));
    }

    [Theory]
    [InlineData("<@U1|alice>")]
    [InlineData("<!here> <!channel>")]
    [InlineData("<https://evil.example|your bank>")]
    [InlineData("<@>")]
    public void Peoples_words_keep_only_bare_mentions_not_labels_broadcasts_or_links(string text)
    {
        Assert.Equal(RichText.Text(text), RichText.WithMentions(text));
    }

    [Theory]
    [InlineData("a &lt;b&gt; &amp; c", "a <b> & c")]
    [InlineData("&amp;lt;", "&lt;")]
    [InlineData("no entities", "no entities")]
    public void Unescape_decodes_what_slack_escapes(string text, string expected)
    {
        Assert.Equal(expected, ChatText.Unescape(text));
    }

    [Theory]
    [InlineData("<script> & co")]
    [InlineData("&amp;lt;")]
    public void Unescape_reverses_escape(string text)
    {
        Assert.Equal(text, ChatText.Unescape(ChatText.Escape(text)));
    }

    [Fact]
    public void Truncate_leaves_short_text_alone()
    {
        Assert.Equal("short", ChatText.Truncate("short", 5));
    }

    [Fact]
    public void Truncate_shortens_long_text_to_the_limit_with_an_ellipsis()
    {
        Assert.Equal("abcd…", ChatText.Truncate("abcdefgh", 5));
    }

    [Fact]
    public void A_local_time_falls_back_to_utc_whatever_the_offset()
    {
        var at = new DateTimeOffset(2026, 3, 1, 14, 45, 0, TimeSpan.FromMinutes(345));

        Assert.Equal([new DateRun(at, "{date_short_pretty} {time}", "2026-03-01 09:00 UTC")], RichText.LocalTime(at).Runs);
    }

    [Theory]
    [InlineData(0, "0s")]
    [InlineData(45, "45s")]
    [InlineData(59, "59s")]
    [InlineData(60, "1m")]
    [InlineData(45 * 60 + 30, "45m")]
    [InlineData(3599, "59m")]
    [InlineData(3600, "1h 00m")]
    [InlineData(2 * 3600 + 5 * 60, "2h 05m")]
    [InlineData(86399, "23h 59m")]
    [InlineData(86400, "1d 0h")]
    [InlineData(3 * 86400 + 4 * 3600 + 59 * 60, "3d 4h")]
    [InlineData(-45 * 60, "-45m")]
    [InlineData(-(2 * 3600 + 5 * 60), "-2h 05m")]
    public void Duration_is_written_as_people_say_it(int seconds, string expected)
    {
        Assert.Equal(expected, ChatText.Duration(TimeSpan.FromSeconds(seconds)));
    }
}
