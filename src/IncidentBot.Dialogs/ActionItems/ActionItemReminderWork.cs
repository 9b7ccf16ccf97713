using IncidentBot.Dialogs.Incidents;
using IncidentBot.Dialogs.Platform;
using IncidentBot.Dialogs.Rules;
using IncidentBot.Dialogs.Reminders;
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
    UserDirectory users,
    ReminderRunner runner,
    IncidentRules rules) : IWorkHandler
{
    public const string WorkKind = "action-item";

    public string Kind => WorkKind;

    public Task<WorkOutcome> RunAsync(WorkspaceId workspace, string targetId, CancellationToken cancellationToken) =>
        runner.RunAsync(WorkKind, workspace, ct => LoadAsync(workspace, targetId, ct), cancellationToken);

    /// <summary>The open item with a due time, its incident, and the plan in the owner's zone.</summary>
    private async Task<ReminderRound<ActionItem>> LoadAsync(WorkspaceId workspace, string targetId, CancellationToken cancellationToken)
    {
        var stored = await items.FindAsync(workspace, targetId, cancellationToken);
        if (stored is null || !stored.Value.IsOpen || !stored.Value.HasDue)
            return ReminderRound<ActionItem>.Over;
        var item = stored.Value;
        var found = await incidents.FindAsync(workspace, new IncidentNumber(item.IncidentNumber), cancellationToken);
        if (found is null || found.Value.Status is IncidentStatus.Cancelled)
            return ReminderRound<ActionItem>.Over;
        var incident = found.Value;
        var zone = await users.TimeZoneOfAsync(incident.Platform, workspace, item.Owner, rules.Calendar.DefaultZone, cancellationToken);
        var plan = item.Reminders(rules.Calendar, zone, incident.Severity == Severity.Sev1, rules.ActionItems.OverdueReminders);
        return ReminderRound<ActionItem>.Ready(incident, stored, plan, ReminderRecipient.Direct(item.Owner), (_, now) =>
        {
            var isOverdue = item.LateAfter(rules.Calendar, zone) is { } late && now >= late;
            return ActionItemMessages.Reminder(item, incident, isOverdue);
        });
    }
}
