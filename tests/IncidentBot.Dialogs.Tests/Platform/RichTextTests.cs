using System.Text.Json;
using IncidentBot.Dialogs.Incidents;
using IncidentBot.Dialogs.Platform;
using IncidentBot.Dialogs.Storage;

namespace IncidentBot.Dialogs.Tests.Platform;

public sealed class RichTextTests
{
    [Fact]
    public void Interpolated_words_become_plain_runs_so_typed_markup_stays_words()
    {
        var title = "<@U0EVIL> *urgent*";

        var text = RichText.Of($"{RichText.Bold("INC-7")} {title}");

        Assert.Equal([new BoldRun(RichText.Text("INC-7")), new PlainRun(" <@U0EVIL> *urgent*")], text.Runs);
    }

    [Fact]
    public void Mentions_channels_and_times_are_runs_of_their_own()
    {
        var at = new DateTimeOffset(2025, 11, 25, 13, 5, 0, TimeSpan.Zero);

        var text = RichText.Of($"{RichText.Mention(new UserId("U1"))} in {RichText.Channel(new ChannelId("C1"))} at {RichText.LocalTime(at)}");

        Assert.Equal(
            [new MentionRun(new UserId("U1")), new PlainRun(" in "), new ChannelRun(new ChannelId("C1")), new PlainRun(" at "),
                new DateRun(at, "{date_short_pretty} {time}", "2025-11-25 13:05 UTC")],
            text.Runs);
    }

    [Fact]
    public void Line_breaks_in_text_become_line_break_runs()
    {
        var text = RichText.Of($"first\n{"second\nthird"}");

        Assert.Equal([new PlainRun("first"), new LineBreakRun(), new PlainRun("second"), new LineBreakRun(), new PlainRun("third")], text.Runs);
    }

    [Fact]
    public void The_intake_is_named_in_italics_not_mentioned()
    {
        Assert.Equal(RichText.Italic("intake (regulator)"), RichText.Mention(UserId.ForIntake("regulator")));
    }

    [Fact]
    public void Typed_mentions_in_peoples_words_become_mention_runs_and_the_rest_stays_words()
    {
        var text = RichText.WithMentions("ask <@U0BOB> in <#C0OPS> about <script> & co");

        Assert.Equal(
            [new PlainRun("ask "), new MentionRun(new UserId("U0BOB")), new PlainRun(" in "), new ChannelRun(new ChannelId("C0OPS")), new PlainRun(" about <script> & co")],
            text.Runs);
    }

    [Fact]
    public void A_message_stored_before_rich_text_reads_its_mrkdwn_string_into_runs()
    {
        const string stored = """{"text":"*INC-7* by <@U1>","blocks":[{"kind":"text","text":"*INC-7* by <@U1>"},{"kind":"fields","fields":[{"label":"Lead","value":"<@U1>"}]}]}""";

        var message = JsonSerializer.Deserialize<ChatMessage>(stored, DocumentJson.Options)!;

        var expected = RichText.Of($"{RichText.Bold("INC-7")} by {RichText.Mention(new UserId("U1"))}");
        Assert.Equal(expected, message.Text);
        Assert.Equal(expected, Assert.IsType<TextBlock>(message.Blocks[0]).Text);
        Assert.Equal(RichText.Mention(new UserId("U1")), Assert.IsType<FieldsBlock>(message.Blocks[1]).Fields[0].Value);
    }

    [Fact]
    public void Legacy_mrkdwn_is_read_as_runs_of_every_kind()
    {
        var at = DateTimeOffset.FromUnixTimeSeconds(1732539900);

        var text = LegacyMrkdwn.Read("⏰ *Clock `eu-tco`*: due <!date^1732539900^{date_short_pretty} {time}|2024-11-25 13:05 UTC> _soon_\n"
            + "ask <@U1> in <#C1|incident-7> · <https://example.org/q?a=1&amp;b=2|the queue> &lt;script&gt; &amp; snake_case 2*3*4");

        Assert.Equal(
            RichText.Of($"⏰ {RichText.Bold(RichText.Of($"Clock {RichText.Code("eu-tco")}"))}: due {RichText.From([new DateRun(at, "{date_short_pretty} {time}", "2024-11-25 13:05 UTC")])} {RichText.Italic("soon")}\n"
                + $"ask {RichText.Mention(new UserId("U1"))} in {RichText.Channel(new ChannelId("C1"))} · {RichText.Link("https://example.org/q?a=1&b=2", "the queue")} <script> & snake_case 2*3*4"),
            text);
    }

    [Fact]
    public void Text_with_backticks_becomes_code_runs_and_an_unpaired_backtick_stays_a_word()
    {
        Assert.Equal(RichText.Of($"use {RichText.Code("open")} or {RichText.Code("all")}."), RichText.WithCode("use `open` or `all`."));
        Assert.Equal(RichText.Text("a ` b"), RichText.WithCode("a ` b"));
    }

    [Fact]
    public void A_rich_text_is_stored_as_its_runs()
    {
        var json = JsonSerializer.Serialize(ChatMessage.Plain(RichText.Bold("x")), DocumentJson.Options);

        Assert.Equal("""{"text":[{"kind":"bold","content":[{"kind":"text","text":"x"}]}],"blocks":[{"kind":"text","text":[{"kind":"bold","content":[{"kind":"text","text":"x"}]}]}]}""", json);
    }

    [Fact]
    public void A_rich_text_survives_a_round_trip_through_the_store()
    {
        var at = new DateTimeOffset(2025, 11, 25, 13, 5, 0, TimeSpan.Zero);
        var text = RichText.Of($"{RichText.Bold($"Clock {RichText.Code("eu-tco")}")} due {RichText.LocalTime(at)}\n{RichText.Link("https://example.org/q", "queue")} {RichText.Italic("by")} {RichText.Mention(new UserId("U1"))}");

        var read = JsonSerializer.Deserialize<ChatMessage>(JsonSerializer.Serialize(ChatMessage.Plain(text), DocumentJson.Options), DocumentJson.Options)!;

        Assert.Equal(text, read.Text);
        Assert.Equal(text, Assert.IsType<TextBlock>(read.Blocks[0]).Text);
    }

    [Fact]
    public void A_message_built_from_blocks_takes_their_words_as_its_fallback_text()
    {
        var message = ChatMessage.Of([new HeaderBlock(RichText.Text("INC-7")), new DividerBlock(), new TextBlock(RichText.Bold("Lead"))]);

        Assert.Equal(RichText.Of($"INC-7\n{RichText.Bold("Lead")}"), message.Text);
    }
}
