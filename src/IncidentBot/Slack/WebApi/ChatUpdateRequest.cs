using System.Text.Json.Nodes;

namespace IncidentBot.Slack.WebApi;

/// <summary>
/// <c>chat.update</c>: replaces the text and blocks of the message <paramref name="Ts"/>. Slack
/// takes no unfurl flags here; the renderer writes links so that they never unfurl (<c>SlackLinks</c>).
/// </summary>
public sealed record ChatUpdateRequest(string Channel, string Ts, string Text)
{
    public JsonArray? Blocks { get; init; }
}
