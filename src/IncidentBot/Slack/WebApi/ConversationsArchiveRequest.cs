namespace IncidentBot.Slack.WebApi;

internal sealed record ConversationsArchiveRequest(string Channel);
