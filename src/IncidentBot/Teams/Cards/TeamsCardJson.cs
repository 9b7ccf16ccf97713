using System.Text.Json;
using System.Text.Json.Serialization;

namespace IncidentBot.Teams.Cards;

/// <summary>Serialises cards: camelCase, nulls left out, source-generated (cards are rendered on every reply).</summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(AdaptiveCard))]
public sealed partial class TeamsCardJson : JsonSerializerContext
{
    public static string Serialize(AdaptiveCard card) => JsonSerializer.Serialize(card, Default.AdaptiveCard);
}
