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

    /// <summary>What a person sees when something broke on our side: a reference to quote, never exception text.</summary>
    public static string Failure(string reference) =>
        $":x: Something went wrong on our side (reference `{reference}`). Check with `list` before trying again; if it keeps happening, quote the reference to the bot's owners.";

    public const string StoreUnavailable =
        ":hourglass: I could not reach the incident store just now, so nothing was changed. Please try again in a minute.";

    public static string NewReference() => Guid.NewGuid().ToString("N")[..12];
}
