using IncidentBot.Dialogs.Platform;
using IncidentBot.Teams.Cards;

namespace IncidentBot.Tests.Teams;

/// <summary>Text stored as Slack mrkdwn before RichText existed, read into runs by the domain and rendered for Teams.</summary>
public sealed class TeamsMarkdownTests
{
    private static readonly TeamsRenderContext Names = new(
        new Dictionary<string, string> { ["a11ce"] = "Alice Okafor" },
        new Dictionary<string, string> { ["19:x@thread.tacv2;messageid=5"] = "inc-7-removal" },
        "tenant-1");

    [Fact]
    public void Slack_bold_becomes_double_asterisks_and_italics_stay()
    {
        Assert.Equal("**Status:** → _unassigned_", Translate("*Status:* → _unassigned_"));
    }

    [Fact]
    public void Asterisks_inside_words_stay_words()
    {
        Assert.Equal("2\\*3\\*4 and a\\*b", Translate("2*3*4 and a*b"));
    }

    [Fact]
    public void A_mention_becomes_an_at_tag_with_an_entity_naming_the_person()
    {
        var mentions = new List<CardMention>();

        var text = TeamsMarkdown.ToCardText(LegacyMrkdwn.Read("Lead: <@a11ce>"), Names, mentions);

        Assert.Equal("Lead: <at>Alice Okafor</at>", text);
        var mention = Assert.Single(mentions);
        Assert.Equal("<at>Alice Okafor</at>", mention.Text);
        Assert.Equal("a11ce", mention.Mentioned.Id);
    }

    [Fact]
    public void An_unknown_person_is_named_as_someone()
    {
        var mentions = new List<CardMention>();

        var text = TeamsMarkdown.ToCardText(LegacyMrkdwn.Read("<@b0b|Bob> and <@c4a>"), TeamsRenderContext.Empty, mentions);

        Assert.Equal("<at>someone</at> and <at>someone</at>", text);
        Assert.Equal(2, mentions.Count);
    }

    [Fact]
    public void A_thread_reference_links_to_the_thread_by_its_name()
    {
        var text = Translate("Channel: <#19:x@thread.tacv2;messageid=5>");

        Assert.StartsWith("Channel: [#inc-7-removal](https://teams.microsoft.com/l/message/19%3Ax%40thread.tacv2/5?parentMessageId=5&tenantId=tenant-1)", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Links_become_markdown_links()
    {
        Assert.Equal("see [the order](https://example.org/o?a=1&b=2)", Translate("see <https://example.org/o?a=1&amp;b=2|the order>"));
    }

    [Fact]
    public void A_time_token_becomes_date_and_time_functions_shown_in_the_readers_zone()
    {
        Assert.Equal("{{DATE(2025-11-25T13:05:00Z, SHORT)}} {{TIME(2025-11-25T13:05:00Z)}}", Translate("<!date^1764075900^{date_short_pretty} {time}|2025-11-25 13:05 UTC>"));
    }

    [Fact]
    public void Escaped_text_is_decoded_and_cannot_forge_a_mention()
    {
        var mentions = new List<CardMention>();

        var text = TeamsMarkdown.ToCardText(LegacyMrkdwn.Read(ChatText.Escape("<@a11ce> & <script>")), Names, mentions);

        Assert.Equal("<@a11ce> & <script>", text);
        Assert.Empty(mentions);
    }

    [Fact]
    public void A_markdown_link_typed_into_a_title_is_disarmed()
    {
        var text = Translate(ChatText.Escape("[click me](https://evil.example)"));

        Assert.Equal("\\[click me\\](https://evil.example)", text);
    }

    [Fact]
    public void Plain_text_has_no_markup()
    {
        Assert.Equal("INC-7 by @Alice Okafor at 2025-11-25 13:05 UTC", TeamsMarkdown.ToPlainText(
            LegacyMrkdwn.Read("*INC-7* by <@a11ce> at <!date^1764075900^{date_short_pretty} {time}|2025-11-25 13:05 UTC>"), Names));
    }

    [Fact]
    public void Usage_placeholders_in_angle_brackets_stay_text_and_never_become_links()
    {
        var text = Translate("• `@IncidentBot declare [sev1-4] <title> [--source S]` — Declare\n• `@IncidentBot sev <1-4>`");

        Assert.Contains("declare [sev1-4] <title> [--source S]", text, StringComparison.Ordinal);
        Assert.Contains("sev <1-4>", text, StringComparison.Ordinal);
        Assert.DoesNotContain("](", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Bullet_lines_become_a_markdown_list_and_other_lines_paragraphs()
    {
        var text = Translate("*2 open incidents*\n• *INC-1* first\n• *INC-2* second\nType `help`.");

        // Teams joins lines one line break apart; it breaks between list items and at blank lines.
        Assert.Equal("**2 open incidents**\n\n- **INC-1** first\n- **INC-2** second\n\nType `help`.", text);
    }

    [Fact]
    public void A_confirmation_keeps_its_second_line_as_its_own_paragraph()
    {
        Assert.Equal("**INC-7** declared.\n\nI'm opening its channel.", Translate("*INC-7* declared.\nI'm opening its channel."));
    }

    private static string Translate(string mrkdwn) => TeamsMarkdown.ToCardText(LegacyMrkdwn.Read(mrkdwn), Names, new List<CardMention>());
}
