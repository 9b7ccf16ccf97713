namespace IncidentBot.Slack.WebApi;

internal sealed record ConversationMessagesResponse(IReadOnlyList<SlackMessage>? Messages = null);
