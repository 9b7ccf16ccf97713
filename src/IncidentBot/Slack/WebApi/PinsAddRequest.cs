namespace IncidentBot.Slack.WebApi;

internal sealed record PinsAddRequest(string Channel, string Timestamp);
