using System.Text.Json.Serialization;

namespace IncidentBot.Dialogs.Evidence;

/// <summary>A file of an evidence package and the lowercase hex SHA-256 of its bytes, as listed in <c>manifest.json</c>.</summary>
public sealed record EvidenceFileDigest(
    [property: JsonPropertyName("name")] string Name,
    [property: JsonPropertyName("sha256")] string Sha256);
