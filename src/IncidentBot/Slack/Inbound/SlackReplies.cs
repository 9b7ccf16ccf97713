using System.Text.Json.Nodes;
using IncidentBot.Dialogs.Platform;
using IncidentBot.Slack.BlockKit;

namespace IncidentBot.Slack.Inbound;

/// <summary>The JSON bodies Slack accepts as the immediate answer to a command.</summary>
internal static class SlackReplies
{
    public static JsonObject Message(ChatMessage message, bool isPublic) => new()
    {
        ["response_type"] = isPublic ? "in_channel" : "ephemeral",
        ["text"] = SlackMrkdwn.Render(message.Text),
        ["blocks"] = BlockKitRenderer.Render(message),
    };

    public static JsonObject Text(string text) => new() { ["response_type"] = "ephemeral", ["text"] = text };

    public static string Failure(string reference) => SlackMrkdwn.Render(RichText.Of($":x: {ReplyTexts.Failure(reference)}"));

    public const string StoreUnavailable = ":hourglass: " + ReplyTexts.StoreUnavailable;
}
