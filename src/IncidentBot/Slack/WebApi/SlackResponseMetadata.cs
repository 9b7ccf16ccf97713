namespace IncidentBot.Slack.WebApi;

internal sealed record SlackResponseMetadata(IReadOnlyList<string>? Messages = null, IReadOnlyList<string>? Warnings = null);
