namespace IncidentBot.Slack.WebApi;

/// <summary><c>reactions.add</c>: <paramref name="Name"/> is the emoji's name without colons (<c>receipt</c>).</summary>
internal sealed record ReactionsAddRequest(string Channel, string Name, string Timestamp);
