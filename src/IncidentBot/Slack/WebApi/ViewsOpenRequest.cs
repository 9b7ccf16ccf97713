using System.Text.Json.Nodes;

namespace IncidentBot.Slack.WebApi;

internal sealed record ViewsOpenRequest(string TriggerId, JsonObject View);
