using System.Text.Json.Nodes;

namespace IncidentBot.Slack.Inbound;

/// <summary>
/// The answer to one Slack delivery, whichever way it came: the HTTP endpoints turn it into a
/// status and a body, Socket Mode into an acknowledgement carrying the body as its <c>payload</c>.
/// </summary>
public sealed record SlackAnswer(SlackOutcome Outcome, JsonObject? Body = null)
{
    public static readonly SlackAnswer Empty = new(SlackOutcome.Handled);

    public static readonly SlackAnswer NotHandled = new(SlackOutcome.NotHandled);

    public static SlackAnswer With(JsonObject body) => new(SlackOutcome.Handled, body);

    public static SlackAnswer Malformed(string text) => new(SlackOutcome.Malformed, SlackReplies.Text(text));
}
