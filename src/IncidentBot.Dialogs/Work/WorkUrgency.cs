using IncidentBot.Dialogs.Clocks;
using IncidentBot.Dialogs.Paging;

namespace IncidentBot.Dialogs.Work;

/// <summary>
/// Work that a person or a regulator waits on by the second: routing a page, its direct messages,
/// its escalation, and clock alerts. Hosts run it ahead of bulk work (channel syncs, reminders,
/// digests), so an escalation is never as late as the backlog of other work is long.
/// </summary>
public static class WorkUrgency
{
    private static readonly string[] UrgentPrefixes =
        [.. new[] { PagingWork.Route, PagingWork.Deliver, PagingWork.Escalate, ClockAlertWork.WorkKind, ClockAutoStartWork.WorkKind }
            .Select(kind => WorkItem.IdFor(kind, ""))];

    /// <summary>Whether the stored work item <paramref name="workItemId"/> (<see cref="WorkItem.IdFor"/>) is urgent.</summary>
    public static bool IsUrgent(string workItemId) =>
        UrgentPrefixes.Any(prefix => workItemId.StartsWith(prefix, StringComparison.Ordinal));
}
