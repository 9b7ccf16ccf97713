using System.Globalization;
using System.Text.Json.Serialization;
using IncidentBot.Dialogs.Incidents;
using IncidentBot.Dialogs.Reminders;
using IncidentBot.Dialogs.Storage;
using IncidentBot.Dialogs.Time;

namespace IncidentBot.Dialogs.ActionItems;

/// <summary>
/// A follow-up with an owner, numbered per incident (<c>#3</c>), stored as its own document.
/// A due date (a day in the owner's calendar) or a due moment makes it remind its owner by DM.
/// </summary>
public sealed record ActionItem : IRemindable<ActionItem>
{
    public const string DocumentType = "action-item";

    /// <summary>The properties action items are queried by.</summary>
    public static class Paths
    {
        public static readonly DocumentPath IncidentNumber = DocumentPath.Of<ActionItem>(nameof(ActionItem.IncidentNumber));

        public static readonly DocumentPath Owner = DocumentPath.Of<ActionItem>(nameof(ActionItem.Owner));

        public static readonly DocumentPath IsOpen = DocumentPath.Of<ActionItem>(nameof(ActionItem.IsOpen));
    }

    public string Id => IdFor(IncidentNumber, Sequence);

    public required string WorkspaceId { get; init; }

    public string Type => DocumentType;

    public required int IncidentNumber { get; init; }

    /// <summary>The number people type: <c>action done 3</c>.</summary>
    public required int Sequence { get; init; }

    public required string Text { get; init; }

    public required UserId Owner { get; init; }

    public required UserId CreatedBy { get; init; }

    public required DateTimeOffset CreatedAt { get; init; }

    /// <summary>Due on this day, in the owner's own time zone; reminded at the start of their working day.</summary>
    public DateOnly? DueDate { get; init; }

    /// <summary>Due at this moment (<c>in 2h</c>, <c>2026-03-10 14:00</c>).</summary>
    public DateTimeOffset? DueAt { get; init; }

    public ActionItemStatus Status { get; init; } = ActionItemStatus.Open;

    /// <summary>Stored so "my open items" is two equalities in every store.</summary>
    public bool IsOpen => Status == ActionItemStatus.Open;

    public DateTimeOffset? DoneAt { get; init; }

    public UserId? DoneBy { get; init; }

    public IReadOnlyList<SentReminder> Deliveries { get; init; } = [];

    [JsonIgnore]
    public bool HasDue => DueDate is not null || DueAt is not null;

    public ActionItem WithDeliveries(IReadOnlyList<SentReminder> deliveries) => this with { Deliveries = deliveries };

    public static string IdFor(int incidentNumber, int sequence) =>
        string.Create(CultureInfo.InvariantCulture, $"action-{incidentNumber}-{sequence}");

    /// <summary>The reminders: on the due day (or at the due moment), then daily while overdue.</summary>
    /// <param name="isUrgent">SEV1: reminders go at once, not held back for working hours.</param>
    public IEnumerable<PlannedReminder> Reminders(BusinessCalendar calendar, TimeZoneInfo ownerZone, bool isUrgent, int overdueReminders)
    {
        if (!HasDue || Status != ActionItemStatus.Open)
            yield break;
        for (var k = 0; k <= overdueReminders; k++)
        {
            var nominal = DueDate is { } date
                ? calendar.StartOfWorkingDay(date.AddDays(k), ownerZone)
                : DueAt!.Value + TimeSpan.FromDays(k);
            var at = isUrgent ? nominal : calendar.NextWorkingInstant(nominal, ownerZone);
            yield return new PlannedReminder(string.Create(CultureInfo.InvariantCulture, $"r{k}"), at);
        }
    }

    /// <summary>When it counts as late: the end of the owner's due day, or the due moment.</summary>
    public DateTimeOffset? LateAfter(BusinessCalendar calendar, TimeZoneInfo ownerZone) =>
        DueDate is { } date ? ZonedTime.ToInstant(date.AddDays(1), TimeOnly.MinValue, ownerZone) : DueAt;
}
