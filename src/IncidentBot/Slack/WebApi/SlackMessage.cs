namespace IncidentBot.Slack.WebApi;

/// <summary>A message as <c>conversations.history</c> and <c>conversations.replies</c> return it (the fields we use).</summary>
public sealed record SlackMessage(
    string Ts,
    string? Text = null,
    string? User = null,
    string? BotId = null,
    string? ThreadTs = null,
    string? Subtype = null);
