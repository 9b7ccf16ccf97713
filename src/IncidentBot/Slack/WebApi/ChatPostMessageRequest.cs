using System.Text.Json.Nodes;

namespace IncidentBot.Slack.WebApi;

/// <summary><c>chat.postMessage</c>. <paramref name="Channel"/> may be a user id: Slack then opens the DM.</summary>
/// <param name="Text">Notification and screen-reader fallback when <see cref="Blocks"/> are given.</param>
public sealed record ChatPostMessageRequest(string Channel, string Text)
{
    public JsonArray? Blocks { get; init; }

    public string? ThreadTs { get; init; }

    // Incident content can link to harmful material: Slack must never fetch or show a preview of it.
    public bool UnfurlLinks => false;

    public bool UnfurlMedia => false;
}
