using System.Text.Json.Nodes;

namespace IncidentBot.Slack.WebApi;

/// <summary>A message sent to a <c>response_url</c> (slash command or button press).</summary>
public sealed record SlackResponseUrlMessage(string Text)
{
    public JsonArray? Blocks { get; init; }

    public SlackResponseType ResponseType { get; init; } = SlackResponseType.Ephemeral;

    /// <summary>Replace the message the button was on instead of adding a new one.</summary>
    public bool ReplaceOriginal { get; init; }

    public bool UnfurlLinks => false;

    public bool UnfurlMedia => false;
}
