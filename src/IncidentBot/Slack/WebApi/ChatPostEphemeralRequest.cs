using System.Text.Json.Nodes;

namespace IncidentBot.Slack.WebApi;

/// <summary>
/// <c>chat.postEphemeral</c>: only <paramref name="User"/> sees it, and only while it stays in the
/// client. Slack takes no unfurl flags here; the renderer writes links so that they never unfurl (<c>SlackLinks</c>).
/// </summary>
public sealed record ChatPostEphemeralRequest(string Channel, string User, string Text)
{
    public JsonArray? Blocks { get; init; }

    public string? ThreadTs { get; init; }
}
