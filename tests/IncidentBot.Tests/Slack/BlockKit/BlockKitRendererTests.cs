using System.Text.Json.Nodes;
using IncidentBot.Dialogs.Platform;
using IncidentBot.Slack.BlockKit;
using IncidentBot.Testing.Golden;

namespace IncidentBot.Tests.Slack.BlockKit;

public sealed class BlockKitRendererTests
{
    [Fact]
    public void Renders_an_incident_summary_as_block_kit()
    {
        var message = new ChatMessage(RichText.Text("INC-12 SEV2 Investigating: Spam wave in marketplace listings"),
        [
            new HeaderBlock(RichText.Text("INC-12 · Spam wave in marketplace listings")),
            new FieldsBlock(
            [
                new(RichText.Text("Severity"), LegacyMrkdwn.Read("🟠 SEV2")),
                new(RichText.Text("Status"), LegacyMrkdwn.Read("Investigating")),
                new(RichText.Text("Source"), LegacyMrkdwn.Read("User reports")),
                new(RichText.Text("Reporter"), LegacyMrkdwn.Read("<@U0REPORTER>")),
                new(RichText.Text("Markets"), LegacyMrkdwn.Read("DE (Germany), AT (Austria)")),
                new(RichText.Text("Languages"), LegacyMrkdwn.Read("de (German)")),
                new(RichText.Text("Lead"), LegacyMrkdwn.Read("<@U0LEAD>")),
                new(RichText.Text("Comms"), LegacyMrkdwn.Read("<@U0COMMS>")),
                new(RichText.Text("Scribe"), LegacyMrkdwn.Read("<@U0SCRIBE>")),
                new(RichText.Text("Declared"), LegacyMrkdwn.Read("<!date^1764075600^{date_short_pretty} {time}|2025-11-25 13:00 UTC>")),
                new(RichText.Text("Acknowledged"), LegacyMrkdwn.Read("<!date^1764075900^{date_short_pretty} {time}|2025-11-25 13:05 UTC>")),
            ]),
            new TextBlock(LegacyMrkdwn.Read("Listings with links to &lt;fake-shop&gt; sites; see <https://example.org/queue|the review queue>.")),
            new DividerBlock(),
            new ContextBlock(LegacyMrkdwn.Read("Declared from <https://example.slack.com/archives/C0REPORTS/p1764075500000100|this message>. Updated <!date^1764075900^{date_short_pretty} {time}|2025-11-25 13:05 UTC>")),
            new ButtonsBlock("incident:12",
            [
                new MessageButton("incident.acknowledge", "Acknowledge", "12", ButtonStyle.Primary),
                new MessageButton("incident.resolve", "Resolve", "12"),
                new MessageButton("incident.cancel", "Cancel incident", "12", ButtonStyle.Danger),
            ]),
        ]);

        var blocks = BlockKitRenderer.Render(message);

        GoldenFile.AssertMatchesJson("incident-summary.json", blocks, "golden");
    }

    [Fact]
    public void Renders_a_plain_message_as_one_section()
    {
        var blocks = BlockKitRenderer.Render(ChatMessage.Plain(LegacyMrkdwn.Read("📝 *Note* by <@U0SCRIBE>: rollback started")));

        GoldenFile.AssertMatchesJson("plain-note.json", blocks, "golden");
    }

    [Fact]
    public void Renders_mrkdwn_read_from_a_stored_message_as_it_was_but_for_link_labels()
    {
        const string text = "*bold* _it_ <@U0LEAD> <#C0INCIDENT> &amp; &lt;b&gt; <https://example.org/a?b=1&amp;c=2|link>";
        // The label becomes the address without its scheme: Slack never unfurls such a link.
        const string sent = "*bold* _it_ <@U0LEAD> <#C0INCIDENT> &amp; &lt;b&gt; <https://example.org/a?b=1&amp;c=2|example.org/a?b=1&amp;c=2>";

        var blocks = BlockKitRenderer.Render([new TextBlock(LegacyMrkdwn.Read(text)), new ContextBlock(LegacyMrkdwn.Read(text))]);

        Assert.Equal(sent, blocks[0]!["text"]!["text"]!.GetValue<string>());
        Assert.Equal(sent, blocks[1]!["elements"]![0]!["text"]!.GetValue<string>());
    }

    [Fact]
    public void Cuts_header_text_to_150_characters_with_an_ellipsis()
    {
        var blocks = BlockKitRenderer.Render([new HeaderBlock(RichText.Text(new string('h', 200)))]);

        var text = blocks[0]!["text"]!["text"]!.GetValue<string>();
        Assert.Equal(150, text.Length);
        Assert.EndsWith("…", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Cuts_section_text_to_3000_characters()
    {
        var blocks = BlockKitRenderer.Render([new TextBlock(RichText.Text(new string('t', 3001)))]);

        Assert.Equal(3000, blocks[0]!["text"]!["text"]!.GetValue<string>().Length);
    }

    [Fact]
    public void Keeps_text_at_the_limit_as_it_is()
    {
        var text = new string('t', 3000);

        var blocks = BlockKitRenderer.Render([new TextBlock(RichText.Text(text))]);

        Assert.Equal(text, blocks[0]!["text"]!["text"]!.GetValue<string>());
    }

    [Fact]
    public void Splits_more_than_ten_fields_into_sections_of_ten()
    {
        var fields = Enumerable.Range(1, 23).Select(i => new MessageField(RichText.Of($"Label {i}"), RichText.Of($"Value {i}"))).ToArray();

        var blocks = BlockKitRenderer.Render([new FieldsBlock(fields)]);

        Assert.Equal([10, 10, 3], blocks.Select(b => b!["fields"]!.AsArray().Count));
        Assert.Equal("*Label 21*\nValue 21", blocks[2]!["fields"]![0]!["text"]!.GetValue<string>());
    }

    [Fact]
    public void Cuts_field_text_to_2000_characters()
    {
        var blocks = BlockKitRenderer.Render([new FieldsBlock([new MessageField(RichText.Text("Notes"), RichText.Text(new string('v', 2500)))])]);

        Assert.Equal(2000, blocks[0]!["fields"]![0]!["text"]!.GetValue<string>().Length);
    }

    [Fact]
    public void Splits_more_than_25_buttons_into_actions_blocks_with_distinct_block_ids()
    {
        var buttons = Enumerable.Range(1, 30).Select(i => new MessageButton($"pick.{i}", $"Option {i}", $"{i}")).ToArray();

        var blocks = BlockKitRenderer.Render([new ButtonsBlock("market-picker", buttons)]);

        Assert.Equal([25, 5], blocks.Select(b => b!["elements"]!.AsArray().Count));
        Assert.Equal(["market-picker", "market-picker.2"], blocks.Select(b => b!["block_id"]!.GetValue<string>()));
    }

    [Fact]
    public void Cuts_button_label_value_and_ids_to_Slacks_limits()
    {
        var button = new MessageButton(new string('a', 300), new string('l', 100), new string('v', 2100));

        var blocks = BlockKitRenderer.Render([new ButtonsBlock(new string('b', 300), [button])]);

        var element = blocks[0]!["elements"]![0]!;
        Assert.Equal(255, blocks[0]!["block_id"]!.GetValue<string>().Length);
        Assert.Equal(255, element["action_id"]!.GetValue<string>().Length);
        Assert.Equal(75, element["text"]!["text"]!.GetValue<string>().Length);
        Assert.Equal(2000, element["value"]!.GetValue<string>().Length);
    }

    [Fact]
    public void Keeps_the_suffix_of_a_second_actions_block_within_255_characters()
    {
        var buttons = Enumerable.Range(1, 26).Select(i => new MessageButton($"pick.{i}", "Pick", $"{i}")).ToArray();

        var blocks = BlockKitRenderer.Render([new ButtonsBlock(new string('b', 300), buttons)]);

        var second = blocks[1]!["block_id"]!.GetValue<string>();
        Assert.Equal(255, second.Length);
        Assert.EndsWith(".2", second, StringComparison.Ordinal);
    }

    [Fact]
    public void Never_splits_an_emoji_when_cutting()
    {
        var header = new string('h', 148) + "🔴🔴🔴";

        var blocks = BlockKitRenderer.Render([new HeaderBlock(RichText.Text(header))]);

        var text = blocks[0]!["text"]!["text"]!.GetValue<string>();
        Assert.True(text.Length <= 150);
        Assert.False(char.IsHighSurrogate(text[^2]));
        Assert.Equal(new string('h', 148) + "…", text);
    }

    [Fact]
    public void Leaves_out_blocks_Slack_would_refuse_as_empty()
    {
        var blocks = BlockKitRenderer.Render(
        [
            new HeaderBlock(RichText.Text("")),
            new TextBlock(RichText.Text("  ")),
            new ContextBlock(RichText.Text("")),
            new FieldsBlock([]),
            new ButtonsBlock("none", []),
            new TextBlock(RichText.Text("kept")),
        ]);

        var only = Assert.Single(blocks);
        Assert.Equal("kept", only!["text"]!["text"]!.GetValue<string>());
    }

    [Fact]
    public void Keeps_at_most_50_blocks()
    {
        var many = Enumerable.Range(1, 60).Select(i => (MessageBlock)new TextBlock(RichText.Of($"line {i}"))).ToArray();

        var blocks = BlockKitRenderer.Render(many);

        Assert.Equal(50, blocks.Count);
        Assert.Equal("line 50", blocks[49]!["text"]!["text"]!.GetValue<string>());
    }

    [Fact]
    public void Cuts_the_fallback_text_to_4000_characters()
    {
        var text = BlockKitRenderer.FallbackText(new ChatMessage(RichText.Text(new string('f', 5000)), []));

        Assert.Equal(4000, text.Length);
    }

    [Fact]
    public void Renders_a_fresh_array_each_time()
    {
        var message = ChatMessage.Plain(RichText.Text("same"));

        var first = BlockKitRenderer.Render(message);
        var second = BlockKitRenderer.Render(message);

        Assert.NotSame(first, second);
        Assert.True(JsonNode.DeepEquals(first, second));
    }
}
