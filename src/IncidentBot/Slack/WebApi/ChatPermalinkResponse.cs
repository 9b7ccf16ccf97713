namespace IncidentBot.Slack.WebApi;

internal sealed record ChatPermalinkResponse(string Permalink);
