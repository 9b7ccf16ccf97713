using System.Text.Json;
using IncidentBot.Dialogs.Incidents;
using IncidentBot.Dialogs.Platform;
using IncidentBot.Dialogs.Storage;
using IncidentBot.Teams.Cards;

namespace IncidentBot.Tests.Teams;

/// <summary>RichText rendered to Adaptive Card Markdown, with no mrkdwn parsed on the way.</summary>
public sealed class TeamsRichTextTests
{
    private static readonly TeamsRenderContext Names = new(
        new Dictionary<string, string> { ["a11ce"] = "Alice Okafor" },
        new Dictionary<string, string> { ["19:x@thread.tacv2;messageid=5"] = "inc-7-removal" },
        "tenant-1");

    [Fact]
    public void A_message_stored_as_mrkdwn_before_rich_text_renders_as_card_markdown()
    {
        const string stored = """{"text":"*INC-7* by <@a11ce>","blocks":[{"kind":"text","text":"⏰ *Clock `eu-tco`* due <!date^1764075900^{date_short_pretty} {time}|2025-11-25 13:05 UTC> in <#19:x@thread.tacv2;messageid=5> &lt;b&gt; <https://example.org/q|queue>"}]}""";
        var mentions = new List<CardMention>();

        var message = JsonSerializer.Deserialize<ChatMessage>(stored, DocumentJson.Options)!;
        var text = TeamsMarkdown.ToCardText(Assert.IsType<TextBlock>(message.Blocks[0]).Text, Names, mentions);

        Assert.Equal("INC-7 by @Alice Okafor", TeamsMarkdown.ToPlainText(message.Text, Names));
        Assert.StartsWith("⏰ **Clock `eu-tco`** due {{DATE(2025-11-25T13:05:00Z, SHORT)}} {{TIME(2025-11-25T13:05:00Z)}} in [#inc-7-removal](https://teams.microsoft.com/l/message/", text, StringComparison.Ordinal);
        Assert.EndsWith(") <b> [queue](https://example.org/q)", text, StringComparison.Ordinal);
    }

    [Fact]
    public void A_mention_run_becomes_an_at_tag_with_its_entity()
    {
        var mentions = new List<CardMention>();

        var text = TeamsMarkdown.ToCardText(RichText.Of($"{RichText.Bold("Lead:")} {RichText.Mention(new UserId("a11ce"))}"), Names, mentions);

        Assert.Equal("**Lead:** <at>Alice Okafor</at>", text);
        var mention = Assert.Single(mentions);
        Assert.Equal(("<at>Alice Okafor</at>", "a11ce"), (mention.Text, mention.Mentioned.Id));
    }

    [Fact]
    public void Markdown_typed_in_peoples_words_shows_as_typed()
    {
        var title = "*urgent* _now_ [click](https://evil.example) {{DATE(2025-01-01T00:00:00Z)}}";

        var text = TeamsMarkdown.ToCardText(RichText.Of($"Title: {title}"), Names, new List<CardMention>());

        Assert.Equal("Title: \\*urgent\\* \\_now\\_ \\[click\\](https://evil.example) {\u200B{DATE(2025-01-01T00:00:00Z)}}", text);
    }

    [Fact]
    public void A_date_run_becomes_date_and_time_functions_and_its_fallback_in_plain_text()
    {
        var at = new DateTimeOffset(2025, 11, 25, 13, 5, 0, TimeSpan.Zero);
        var text = RichText.Of($"due {RichText.LocalTime(at)}");

        Assert.Equal("due {{DATE(2025-11-25T13:05:00Z, SHORT)}} {{TIME(2025-11-25T13:05:00Z)}}", TeamsMarkdown.ToCardText(text, Names, new List<CardMention>()));
        Assert.Equal("due 2025-11-25 13:05 UTC", TeamsMarkdown.ToPlainText(text, Names));
    }

    [Fact]
    public void A_channel_run_links_to_its_thread_by_name()
    {
        var text = TeamsMarkdown.ToCardText(RichText.Channel(new ChannelId("19:x@thread.tacv2;messageid=5")), Names, new List<CardMention>());

        Assert.StartsWith("[#inc-7-removal](https://teams.microsoft.com/l/message/", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Bullet_lines_become_a_list_and_other_lines_paragraphs()
    {
        var text = TeamsMarkdown.ToCardText(RichText.Of($"Open:\n• {RichText.Code("INC-1")}\n• INC-2"), Names, new List<CardMention>());

        Assert.Equal("Open:\n\n- `INC-1`\n- INC-2", text);
    }
}
