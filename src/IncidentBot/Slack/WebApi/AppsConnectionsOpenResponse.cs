namespace IncidentBot.Slack.WebApi;

/// <summary>The answer of <c>apps.connections.open</c>: a single-use WebSocket URL.</summary>
internal sealed record AppsConnectionsOpenResponse(string Url);
