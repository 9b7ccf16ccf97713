namespace IncidentBot.Slack.WebApi;

internal sealed record ConversationResponse(SlackConversation Channel);
