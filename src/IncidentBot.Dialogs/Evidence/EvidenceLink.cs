using System.Text.Json.Serialization;
using IncidentBot.Dialogs.Incidents;
using IncidentBot.Dialogs.Storage;

namespace IncidentBot.Dialogs.Evidence;

/// <summary>
/// A one-time download link for one person's evidence package. The document's id is derived from
/// the SHA-256 of the link's random token, so the store never holds the token itself: someone who
/// can read documents cannot build a working link from them. Gone a day after it expires.
/// </summary>
public sealed record EvidenceLink : IExpiringDocument
{
    public const string DocumentType = "evidence-link";

    public required string Id { get; init; }

    public required string WorkspaceId { get; init; }

    public string Type => DocumentType;

    public required string Platform { get; init; }

    [JsonPropertyName("incidentNumber")]
    public required int Number { get; init; }

    public required UserId User { get; init; }

    public required DateTimeOffset ExpiresAt { get; init; }

    /// <summary>When it was used; a link serves one download.</summary>
    public DateTimeOffset? UsedAt { get; init; }

    /// <summary>How long the store keeps it; not read back (a link read to be used is kept a day more).</summary>
    [JsonIgnore]
    public TimeSpan ExpiresAfter { get; init; } = TimeSpan.FromDays(1);

    /// <summary>Who downloads, as the audit log and ledger write actors: <c>teams:&lt;id&gt;</c>.</summary>
    [JsonIgnore]
    public string Actor => Platform + ":" + User.Value;
}
