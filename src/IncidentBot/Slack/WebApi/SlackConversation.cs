namespace IncidentBot.Slack.WebApi;

/// <summary>The part of Slack's conversation object we use.</summary>
public sealed record SlackConversation(string Id, string? Name = null, bool IsPrivate = false);
