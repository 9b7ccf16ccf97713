namespace IncidentBot.Slack.WebApi;

public sealed record SlackUserProfile(string? RealName = null, string? DisplayName = null);
