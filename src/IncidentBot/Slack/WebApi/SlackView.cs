namespace IncidentBot.Slack.WebApi;

/// <summary>An opened or updated view; <see cref="Hash"/> guards the next update against a race.</summary>
public sealed record SlackView(string Id, string? Hash = null, string? CallbackId = null, string? ExternalId = null);
