namespace IncidentBot.Slack.WebApi;

internal sealed record ViewResponse(SlackView View);
