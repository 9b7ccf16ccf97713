namespace IncidentBot.Slack.WebApi;

internal sealed record UserResponse(SlackUser User);
