using System.Globalization;
using IncidentBot.Dialogs.Incidents;
using IncidentBot.Dialogs.Reminders;

namespace IncidentBot.Dialogs.PostMortems;

/// <summary>
/// The latest request to upload an incident's post-mortem draft to its channel. Each request
/// is one "reminder" of this document, so a request is uploaded once however often its job runs.
/// </summary>
public sealed record PostMortemUploadRequest : IRemindable<PostMortemUploadRequest>
{
    public const string DocumentType = "postmortem-upload";

    public string Id => IdFor(IncidentNumber);

    public required string WorkspaceId { get; init; }

    public string Type => DocumentType;

    public required int IncidentNumber { get; init; }

    public required DateTimeOffset RequestedAt { get; init; }

    public required UserId RequestedBy { get; init; }

    public IReadOnlyList<SentReminder> Deliveries { get; init; } = [];

    public PostMortemUploadRequest WithDeliveries(IReadOnlyList<SentReminder> deliveries) => this with { Deliveries = deliveries };

    public PlannedReminder Upload => new(string.Create(CultureInfo.InvariantCulture, $"upload-{RequestedAt.UtcTicks}"), RequestedAt);

    public static string IdFor(int incidentNumber) => string.Create(CultureInfo.InvariantCulture, $"pm-upload-{incidentNumber}");
}
