namespace IncidentBot.Slack.WebApi;

public sealed record ChatUpdateResponse(string Channel, string Ts);
