namespace IncidentBot.Slack.WebApi;

internal sealed record ConversationsSetTopicRequest(string Channel, string Topic);
