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
    public void A_message_stored_before_rich_text_reads_its_mrkdwn_string_as_a_legacy_run()
    {
        const string stored = """{"text":"*INC-7* by <@U1>","blocks":[{"kind":"text","text":"*INC-7* by <@U1>"},{"kind":"fields","fields":[{"label":"Lead","value":"<@U1>"}]}]}""";

        var message = JsonSerializer.Deserialize<ChatMessage>(stored, DocumentJson.Options)!;

        Assert.Equal([new MrkdwnRun("*INC-7* by <@U1>")], message.Text.Runs);
        Assert.Equal([new MrkdwnRun("*INC-7* by <@U1>")], Assert.IsType<TextBlock>(message.Blocks[0]).Text.Runs);
        Assert.Equal([new MrkdwnRun("<@U1>")], Assert.IsType<FieldsBlock>(message.Blocks[1]).Fields[0].Value.Runs);
    }

    [Fact]
    public void A_legacy_text_is_written_back_in_its_old_shape()
    {
        var json = JsonSerializer.Serialize(ChatMessage.Plain(RichText.Mrkdwn("*x*")), DocumentJson.Options);

        Assert.Equal("""{"text":"*x*","blocks":[{"kind":"text","text":"*x*"}]}""", json);
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
