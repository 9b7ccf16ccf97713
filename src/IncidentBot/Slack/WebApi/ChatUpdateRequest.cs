using System.Text.Json.Nodes;

namespace IncidentBot.Slack.WebApi;

/// <summary><c>chat.update</c>: replaces the text and blocks of the message <paramref name="Ts"/>.</summary>
public sealed record ChatUpdateRequest(string Channel, string Ts, string Text)
{
    public JsonArray? Blocks { get; init; }

    // As on posting: an edit must not bring in a preview of a harmful link.
    public bool UnfurlLinks => false;

    public bool UnfurlMedia => false;
}
