using IncidentBot.Dialogs.Clocks;
using IncidentBot.Dialogs.Incidents;
using IncidentBot.Dialogs.PostMortems;
using IncidentBot.Dialogs.Work;

namespace IncidentBot.Dialogs.Reminders;

/// <summary>
/// After every declaration and change, asks the timer handlers to look at the incident again:
/// clocks to start on declare, the status-update reminder (cadence follows severity and
/// status), and the post-mortem (resolve makes it due, reopen puts it back). Only work items
/// are stored here; the handlers decide.
/// </summary>
public sealed class IncidentTimerRequests(WorkQueue work) : IIncidentChangeObserver
{
    public async Task OnChangedAsync(Transition transition, CancellationToken cancellationToken)
    {
        var incident = transition.Incident;
        var workspace = new WorkspaceId(incident.WorkspaceId);
        if (transition.Event.Kind == TimelineKind.Declared)
            await work.RequestAsync(workspace, ClockAutoStarter.WorkKind, incident.Id, null, cancellationToken);
        if (transition.Event.Kind is TimelineKind.Declared or TimelineKind.StatusUpdate or TimelineKind.SeverityChanged
            or TimelineKind.StatusChanged or TimelineKind.Resolved or TimelineKind.Reopened or TimelineKind.Closed or TimelineKind.Cancelled
            or TimelineKind.RoleAssigned)
        {
            await work.RequestAsync(workspace, StatusUpdateReminders.WorkKind, incident.Id, null, cancellationToken);
        }
        if (transition.Event.Kind is TimelineKind.Resolved or TimelineKind.Reopened)
            await work.RequestAsync(workspace, PostMortemReminders.WorkKind, incident.Id, null, cancellationToken);
    }
}
