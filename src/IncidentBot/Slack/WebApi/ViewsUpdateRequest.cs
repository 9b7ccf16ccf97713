using System.Text.Json.Nodes;

namespace IncidentBot.Slack.WebApi;

internal sealed record ViewsUpdateRequest(string ViewId, JsonObject View, string? Hash);
