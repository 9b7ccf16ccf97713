namespace IncidentBot.IntegrationTests.Conformance;

/// <summary>The validators have teeth: payloads with the faults they exist to catch are refused.</summary>
public sealed class ConformanceCheckTests
{
    [Fact]
    public async Task Slacks_types_refuse_unfurl_flags_on_chat_update_and_markdown_in_a_header()
    {
        using var payloads = ConformanceTool.NewPayloadFolder();
        payloads.Write("chat.update.flags.json", """{ "channel": "C0INCIDENT", "ts": "1.2", "text": "edited", "unfurl_links": false, "unfurl_media": false }""");
        payloads.Write("blocks.header.json", """[ { "type": "header", "text": { "type": "mrkdwn", "text": "*INC-1*" } } ]""");

        var result = await ConformanceTool.RunAsync("slack-payloads.js", payloads.Path);

        Assert.NotEqual(0, result.ExitCode);
        Assert.Contains("'\"unfurl_links\"' does not exist in type 'ChatUpdateArguments'", result.Output, StringComparison.Ordinal);
        Assert.Contains("blocks.header.ts", result.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_card_renderer_refuses_a_typeless_fallback_and_an_invalid_value()
    {
        using var cards = ConformanceTool.NewPayloadFolder();
        // The declare form's button as it was: its fallback had no type, so older hosts showed no button.
        cards.Write("typeless-fallback.json", """
            { "type": "AdaptiveCard", "version": "1.5", "body": [ { "type": "TextBlock", "text": "Declare an incident" } ],
              "actions": [ { "type": "Action.Execute", "verb": "incident.declare", "title": "Declare",
                             "fallback": { "title": "Declare", "data": { "verb": "incident.declare" } } } ] }
            """);
        cards.Write("invalid-size.json", """
            { "type": "AdaptiveCard", "version": "1.5", "body": [ { "type": "TextBlock", "text": "INC-1", "size": "Huge" } ] }
            """);

        var result = await ConformanceTool.RunAsync("adaptive-cards.js", cards.Path);

        Assert.NotEqual(0, result.ExitCode);
        Assert.Contains("typeless-fallback.json: a host without Action.Execute shows 0 of 1 actions", result.Output, StringComparison.Ordinal);
        Assert.Contains("invalid-size.json: parse InvalidPropertyValue", result.Output, StringComparison.Ordinal);
    }
}
