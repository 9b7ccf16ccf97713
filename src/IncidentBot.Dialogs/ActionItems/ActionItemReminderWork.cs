using IncidentBot.Dialogs.Incidents;
using IncidentBot.Dialogs.Platform;
using IncidentBot.Dialogs.Policies;
using IncidentBot.Dialogs.Reminders;
using IncidentBot.Dialogs.Storage;
using IncidentBot.Dialogs.Work;

namespace IncidentBot.Dialogs.ActionItems;

/// <summary>
/// DMs an action item's owner on the due day (or at the due moment) and daily while it is
/// overdue (work kind <c>action-item</c>, target the item). Held back to the owner's working
/// hours in their own time zone, except on a SEV1, where reminders go at once.
/// </summary>
public sealed class ActionItemReminderWork(
    ActionItemStore items,
    IncidentStore incidents,
    ChatPlatforms platforms,
    UserDirectory users,
    ReminderDelivery delivery,
    IncidentPolicies policies,
    TimeProvider clock) : IWorkHandler
{
    public const string WorkKind = "action-item";

    public string Kind => WorkKind;

    public async Task<WorkOutcome> RunAsync(WorkspaceId workspace, string targetId, CancellationToken cancellationToken)
    {
        for (var attempt = 0; attempt < DocumentWriter.MaxAttempts; attempt++)
        {
            var stored = await items.FindAsync(workspace.Value, targetId, cancellationToken);
            if (stored is null || !stored.Value.IsOpen || !stored.Value.HasDue)
                return WorkOutcome.Done;
            var item = stored.Value;
            var found = await incidents.FindAsync(workspace.Value, new IncidentNumber(item.IncidentNumber), cancellationToken);
            if (found is null || found.Value.Status is IncidentStatus.Cancelled)
                return WorkOutcome.Done;
            var incident = found.Value;
            var zone = await users.TimeZoneOfAsync(incident.Platform, workspace, item.Owner, policies.Calendar.DefaultZone, cancellationToken);
            var plan = item.Reminders(policies.Calendar, zone, incident.Severity == Severity.Sev1, policies.ActionItems.OverdueReminders);
            var now = clock.GetUtcNow();
            var due = ReminderPlan.Due(plan, item.Deliveries, now);
            if (due is null)
                return Next(plan, item, now);
            var isOverdue = item.LateAfter(policies.Calendar, zone) is { } late && now >= late;
            var outcome = await delivery.DeliverAsync(stored, due, async ct =>
            {
                var sent = await platforms.Get(incident.Platform).SendDirectAsync(workspace, item.Owner, ActionItemMessages.Reminder(item, incident, isOverdue), ct);
                return sent.MessageId;
            }, cancellationToken);
            switch (outcome.Status)
            {
                case DeliveryStatus.Changed:
                    continue;
                case DeliveryStatus.Busy:
                    return WorkOutcome.RunAgain(outcome.RetryAt!.Value);
            }
            return Next(plan, (outcome.Document ?? stored).Value, clock.GetUtcNow());
        }
        return WorkOutcome.RunAgain(clock.GetUtcNow());
    }

    private static WorkOutcome Next(IEnumerable<PlannedReminder> plan, ActionItem item, DateTimeOffset now) =>
        ReminderPlan.Next(plan, item.Deliveries, now) is { } next ? WorkOutcome.RunAgain(next) : WorkOutcome.Done;
}
