namespace IncidentBot.Slack.WebApi;

internal sealed record ChatPostEphemeralResponse(string MessageTs);
