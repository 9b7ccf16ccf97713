using System.Text.Json.Serialization;
using IncidentBot.Dialogs.Incidents;
using IncidentBot.Dialogs.Platform;
using IncidentBot.Dialogs.Reminders;
using IncidentBot.Dialogs.Storage;

namespace IncidentBot.Dialogs.Evidence;

/// <summary>
/// Someone's <c>evidence</c> command, waiting for a job to build the package and send it to them
/// (building and uploading a long ledger takes longer than a platform waits for an answer). Sending
/// it is this document's one "reminder", so it goes once however often its job runs. Gone after a day.
/// </summary>
public sealed record EvidenceRequest : IRemindable<EvidenceRequest>, IExpiringDocument
{
    public const string DocumentType = "evidence-request";

    public required string Id { get; init; }

    public required string WorkspaceId { get; init; }

    public string Type => DocumentType;

    public required PlatformId Platform { get; init; }

    [JsonPropertyName("incidentNumber")]
    public required int Number { get; init; }

    public required UserId RequestedBy { get; init; }

    public required DateTimeOffset RequestedAt { get; init; }

    public IReadOnlyList<SentReminder> Deliveries { get; init; } = [];

    [JsonIgnore]
    public TimeSpan ExpiresAfter => TimeSpan.FromDays(1);

    public PlannedReminder Send => new("send", RequestedAt);

    public EvidenceRequest WithDeliveries(IReadOnlyList<SentReminder> deliveries) => this with { Deliveries = deliveries };
}
