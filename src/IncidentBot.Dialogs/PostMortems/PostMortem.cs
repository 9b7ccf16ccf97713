using System.Globalization;
using IncidentBot.Dialogs.Incidents;
using IncidentBot.Dialogs.Reminders;
using IncidentBot.Dialogs.Time;

namespace IncidentBot.Dialogs.PostMortems;

/// <summary>
/// The post-mortem an incident owes: its owner, the due date in the owner's own calendar, and
/// the reminders sent. Made when a SEV1/SEV2 (by the post-mortem rules) is resolved, or when someone names an owner.
/// </summary>
public sealed record PostMortem : IRemindable<PostMortem>
{
    public const string DocumentType = "postmortem";

    public string Id => IdFor(IncidentNumber);

    public required string WorkspaceId { get; init; }

    public string Type => DocumentType;

    public required int IncidentNumber { get; init; }

    public required UserId Owner { get; init; }

    public required PostMortemStatus Status { get; init; }

    /// <summary>Stored so "my open post-mortems" is two equalities in every store.</summary>
    public bool IsOpen => Status == PostMortemStatus.Due;

    /// <summary>The IANA zone the due date was computed in (the owner's, or the default).</summary>
    public string? OwnerTimeZone { get; init; }

    /// <summary>The resolution the post-mortem is about.</summary>
    public DateTimeOffset? ResolvedAt { get; init; }

    /// <summary>When it became due (or its owner changed): the plan of reminders starts here.</summary>
    public DateTimeOffset? ActivatedAt { get; init; }

    /// <summary>A business day in the owner's time zone.</summary>
    public DateOnly? DueDate { get; init; }

    /// <summary>The end of the owner's working day on <see cref="DueDate"/>.</summary>
    public DateTimeOffset? DueAt { get; init; }

    public DateTimeOffset? DoneAt { get; init; }

    public UserId? DoneBy { get; init; }

    public string? Link { get; init; }

    public IReadOnlyList<SentReminder> Deliveries { get; init; } = [];

    public PostMortem WithDeliveries(IReadOnlyList<SentReminder> deliveries) => this with { Deliveries = deliveries };

    public static string IdFor(int incidentNumber) => string.Create(CultureInfo.InvariantCulture, $"pm-{incidentNumber}");

    /// <summary>
    /// Becomes due for a resolution: due <paramref name="businessDays"/> business days after the
    /// day it was resolved, in the owner's zone, at the end of their working day. Reminders start afresh.
    /// </summary>
    public PostMortem DueFor(DateTimeOffset resolvedAt, DateTimeOffset now, TimeZoneInfo zone, BusinessCalendar calendar, int businessDays)
    {
        var dueDate = calendar.AddBusinessDays(ZonedTime.LocalDate(resolvedAt, zone), businessDays);
        return this with
        {
            Status = PostMortemStatus.Due,
            OwnerTimeZone = zone.Id,
            ResolvedAt = resolvedAt,
            ActivatedAt = now,
            DueDate = dueDate,
            DueAt = calendar.EndOfWorkingDay(dueDate, zone),
            Deliveries = [],
        };
    }

    /// <summary>
    /// The DMs to the owner: when it becomes theirs, <paramref name="remindBefore"/> business days
    /// before the due date, on it, and every business day while overdue, each at the start of their
    /// working day (the first one within working hours).
    /// </summary>
    public IEnumerable<PlannedReminder> Reminders(BusinessCalendar calendar, TimeZoneInfo zone, int remindBefore)
    {
        if (Status != PostMortemStatus.Due || DueDate is not { } dueDate || ActivatedAt is not { } activated)
            yield break;
        var assigned = calendar.NextWorkingInstant(activated, zone);
        var first = new List<PlannedReminder> { new("assigned", assigned) };
        if (remindBefore > 0)
            first.Add(new("before", calendar.StartOfWorkingDay(calendar.SubtractBusinessDays(dueDate, remindBefore), zone)));
        first.Add(new("due", calendar.StartOfWorkingDay(dueDate, zone)));
        // A reminder planned before the assignment would only repeat it.
        foreach (var reminder in first.Where(r => r.Key == "assigned" || r.At > assigned).OrderBy(r => r.At))
            yield return reminder;
        for (var k = 1; ; k++)
        {
            yield return new PlannedReminder(string.Create(CultureInfo.InvariantCulture, $"overdue-{k}"),
                calendar.StartOfWorkingDay(calendar.AddBusinessDays(dueDate, k), zone));
        }
    }
}
