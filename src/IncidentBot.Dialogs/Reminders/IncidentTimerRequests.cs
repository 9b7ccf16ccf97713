using IncidentBot.Dialogs.Clocks;
using IncidentBot.Dialogs.Incidents;
using IncidentBot.Dialogs.PostMortems;
using IncidentBot.Dialogs.Work;

namespace IncidentBot.Dialogs.Reminders;

/// <summary>
/// After every declaration and change, asks the timer handlers to look at the incident again:
/// clocks to start on declare, the status-update reminder (cadence follows severity and
/// status), and the post-mortem (resolve makes it due, reopen puts it back). Only work items
/// are asked for here; the handlers decide.
/// </summary>
public sealed class IncidentTimerRequests : IIncidentWorkPlanner
{
    public IEnumerable<WorkRequest> Plan(Transition transition)
    {
        ArgumentNullException.ThrowIfNull(transition);
        var incident = transition.Incident;
        if (transition.Event.Kind == TimelineKind.Declared)
            yield return new WorkRequest(ClockAutoStarter.WorkKind, incident.Id);
        if (transition.Event.Kind is TimelineKind.Declared or TimelineKind.StatusUpdate or TimelineKind.SeverityChanged
            or TimelineKind.StatusChanged or TimelineKind.Resolved or TimelineKind.Reopened or TimelineKind.Closed or TimelineKind.Cancelled
            or TimelineKind.RoleAssigned)
        {
            yield return new WorkRequest(StatusUpdateReminders.WorkKind, incident.Id);
        }
        if (transition.Event.Kind is TimelineKind.Resolved or TimelineKind.Reopened)
            yield return new WorkRequest(PostMortemReminders.WorkKind, incident.Id);
    }
}
