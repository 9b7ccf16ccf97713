namespace IncidentBot.Slack.WebApi;

internal sealed record ConversationsInviteResponse(IReadOnlyList<SlackUserError>? Errors = null);
