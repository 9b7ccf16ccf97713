using System.Text.Json.Serialization;
using IncidentBot.Dialogs.Storage;

namespace IncidentBot.Dialogs.Platform;

/// <summary>Marks a delivery (an event id, a signed request) as seen; expires after the platform stops retrying.</summary>
public sealed record DeliveryClaim : IExpiringDocument
{
    public required string Id { get; init; }

    public required string WorkspaceId { get; init; }

    public string Type => "delivery";

    public required DateTimeOffset SeenAt { get; init; }

    /// <summary>How long the platform may still retry; not read back (a claim is only ever looked up).</summary>
    [JsonIgnore]
    public TimeSpan ExpiresAfter { get; init; }
}
