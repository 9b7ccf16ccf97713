using System.Runtime.CompilerServices;
using System.Text.Json;
using System.Text.Json.Nodes;
using IncidentBot.Dialogs.Platform;
using IncidentBot.Dialogs.Storage;
using IncidentBot.Slack.BlockKit;

namespace IncidentBot.Tests.Slack;

/// <summary>
/// Proof that moving the incident messages from mrkdwn strings to <see cref="RichText"/> left what
/// Slack gets unchanged: each neutral golden file of <c>IncidentMessagesTests</c> (now runs), read back
/// and rendered by <see cref="SlackMrkdwn"/>, must give exactly the mrkdwn strings the golden held
/// before the change (kept in <c>Golden/IncidentMessages/</c>).
/// </summary>
public sealed class IncidentMessagesInSlackTests
{
    public static TheoryData<string> Goldens() => new(Directory.GetFiles(SlackGoldenDirectory()).Select(Path.GetFileNameWithoutExtension).Order(StringComparer.Ordinal)!);

    [Theory]
    [MemberData(nameof(Goldens))]
    public void Renders_to_the_same_mrkdwn_as_before_rich_text(string name)
    {
        var neutral = JsonSerializer.Deserialize<ChatMessage>(File.ReadAllText(Path.Combine(NeutralGoldenDirectory(), name + ".json")), DocumentJson.Options)!;
        var before = JsonNode.Parse(File.ReadAllText(Path.Combine(SlackGoldenDirectory(), name + ".json")));

        var rendered = AsMrkdwnDocument(neutral);

        Assert.True(JsonNode.DeepEquals(before, rendered), $"{name}:\n{rendered.ToJsonString()}");
    }

    [Theory]
    [MemberData(nameof(Goldens))]
    public void A_message_stored_as_mrkdwn_before_rich_text_reads_into_the_runs_built_now(string name)
    {
        var stored = File.ReadAllText(Path.Combine(SlackGoldenDirectory(), name + ".json"));
        var neutral = File.ReadAllText(Path.Combine(NeutralGoldenDirectory(), name + ".json"));

        var read = JsonSerializer.Deserialize<ChatMessage>(stored, DocumentJson.Options)!;

        // Same runs as the message built now, so Teams renders an old stored message from runs too.
        var expected = JsonNode.Parse(JsonSerializer.Serialize(JsonSerializer.Deserialize<ChatMessage>(neutral, DocumentJson.Options), DocumentJson.Options));
        var actual = JsonNode.Parse(JsonSerializer.Serialize(read, DocumentJson.Options));
        Assert.True(JsonNode.DeepEquals(expected, actual), $"{name}:\n{actual!.ToJsonString()}");
    }

    [Theory]
    [MemberData(nameof(Goldens))]
    public void A_message_stored_as_mrkdwn_before_rich_text_still_renders_the_same_mrkdwn(string name)
    {
        var stored = File.ReadAllText(Path.Combine(SlackGoldenDirectory(), name + ".json"));

        var rendered = AsMrkdwnDocument(JsonSerializer.Deserialize<ChatMessage>(stored, DocumentJson.Options)!);

        Assert.True(JsonNode.DeepEquals(JsonNode.Parse(stored), rendered), $"{name}:\n{rendered.ToJsonString()}");
    }

    /// <summary>The message as it was stored when text was mrkdwn: every text rendered as Slack would get it.</summary>
    private static JsonObject AsMrkdwnDocument(ChatMessage message) => new()
    {
        ["text"] = SlackMrkdwn.Render(message.Text),
        ["blocks"] = new JsonArray([.. message.Blocks.Select(block => block switch
        {
            HeaderBlock header => new JsonObject { ["kind"] = "header", ["text"] = SlackMrkdwn.RenderPlain(header.Text) },
            TextBlock text => new JsonObject { ["kind"] = "text", ["text"] = SlackMrkdwn.Render(text.Text) },
            ContextBlock context => new JsonObject { ["kind"] = "context", ["text"] = SlackMrkdwn.Render(context.Text) },
            FieldsBlock fields => new JsonObject
            {
                ["kind"] = "fields",
                ["fields"] = new JsonArray([.. fields.Fields.Select(f => (JsonNode)new JsonObject { ["label"] = SlackMrkdwn.Render(f.Label), ["value"] = SlackMrkdwn.Render(f.Value) })]),
            },
            _ => JsonSerializer.SerializeToNode(block, DocumentJson.Options),
        })]),
    };

    private static string SlackGoldenDirectory([CallerFilePath] string testFile = "") =>
        Path.Combine(Path.GetDirectoryName(testFile)!, "Golden", "IncidentMessages");

    private static string NeutralGoldenDirectory([CallerFilePath] string testFile = "") =>
        Path.GetFullPath(Path.Combine(Path.GetDirectoryName(testFile)!, "..", "..", "IncidentBot.Dialogs.Tests", "Channels", "Golden"));
}
