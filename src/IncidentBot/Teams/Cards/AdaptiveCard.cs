using System.Text.Json.Serialization;

namespace IncidentBot.Teams.Cards;

/// <summary>An Adaptive Card, schema 1.5 (the newest Teams renders everywhere), built as typed records.</summary>
public sealed record AdaptiveCard
{
    public const string ContentType = "application/vnd.microsoft.card.adaptive";
    public const string SchemaVersion = "1.5";

    [JsonPropertyName("$schema")]
    [JsonPropertyOrder(-3)]
    public string Schema => "http://adaptivecards.io/schemas/adaptive-card.json";

    [JsonPropertyOrder(-2)]
    public string Type => "AdaptiveCard";

    [JsonPropertyOrder(-1)]
    public string Version => SchemaVersion;

    public required IReadOnlyList<CardElement> Body { get; init; }

    public IReadOnlyList<CardAction>? Actions { get; init; }

    /// <summary>Teams host extension: full width, and the mention entities the text refers to.</summary>
    [JsonPropertyName("msteams")]
    public CardTeamsExtension? Teams { get; init; }
}
