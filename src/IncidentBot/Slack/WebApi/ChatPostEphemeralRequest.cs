using System.Text.Json.Nodes;

namespace IncidentBot.Slack.WebApi;

/// <summary><c>chat.postEphemeral</c>: only <paramref name="User"/> sees it, and only while it stays in the client.</summary>
public sealed record ChatPostEphemeralRequest(string Channel, string User, string Text)
{
    public JsonArray? Blocks { get; init; }

    public string? ThreadTs { get; init; }

    public bool UnfurlLinks => false;

    public bool UnfurlMedia => false;
}
