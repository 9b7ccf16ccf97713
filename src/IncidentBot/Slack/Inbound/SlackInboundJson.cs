using System.Text.Json.Serialization;

namespace IncidentBot.Slack.Inbound;

/// <summary>Source-generated (de)serialisation for the request hot path.</summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower, PropertyNameCaseInsensitive = true)]
[JsonSerializable(typeof(InteractionPayload))]
[JsonSerializable(typeof(EventEnvelope))]
[JsonSerializable(typeof(SlackEvent))]
[JsonSerializable(typeof(DeclareModalMetadata))]
internal sealed partial class SlackInboundJson : JsonSerializerContext;
