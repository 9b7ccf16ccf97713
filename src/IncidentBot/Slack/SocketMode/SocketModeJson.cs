using System.Text.Json.Serialization;

namespace IncidentBot.Slack.SocketMode;

[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower, PropertyNameCaseInsensitive = true)]
[JsonSerializable(typeof(SocketModeMessage))]
internal sealed partial class SocketModeJson : JsonSerializerContext;
