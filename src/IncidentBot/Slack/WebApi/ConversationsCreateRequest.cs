namespace IncidentBot.Slack.WebApi;

internal sealed record ConversationsCreateRequest(string Name, bool IsPrivate);
