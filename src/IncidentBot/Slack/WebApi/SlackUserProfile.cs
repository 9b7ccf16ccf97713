namespace IncidentBot.Slack.WebApi;

/// <param name="Email">Present with the <c>users:read.email</c> scope.</param>
public sealed record SlackUserProfile(string? RealName = null, string? DisplayName = null, string? Email = null);
