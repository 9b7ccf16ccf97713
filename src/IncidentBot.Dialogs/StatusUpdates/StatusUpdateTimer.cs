using System.Globalization;
using IncidentBot.Dialogs.Reminders;
using IncidentBot.Dialogs.Storage;

namespace IncidentBot.Dialogs.StatusUpdates;

/// <summary>Which status-update reminders an incident's channel got; the due times come from the incident itself.</summary>
public sealed record StatusUpdateTimer : IRemindable<StatusUpdateTimer>
{
    public const string DocumentType = "status-update-timer";

    public string Id => IdFor(IncidentNumber);

    public required string WorkspaceId { get; init; }

    public string Type => DocumentType;

    public required int IncidentNumber { get; init; }

    public IReadOnlyList<SentReminder> Deliveries { get; init; } = [];

    public StatusUpdateTimer WithDeliveries(IReadOnlyList<SentReminder> deliveries) => this with { Deliveries = deliveries };

    public static string IdFor(int incidentNumber) => string.Create(CultureInfo.InvariantCulture, $"status-timer-{incidentNumber}");
}
