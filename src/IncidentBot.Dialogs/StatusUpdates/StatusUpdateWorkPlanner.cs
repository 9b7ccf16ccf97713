using IncidentBot.Dialogs.Incidents;
using IncidentBot.Dialogs.Work;

namespace IncidentBot.Dialogs.StatusUpdates;

/// <summary>Every change that can move the cadence (severity, status, an update, a new lead) asks the reminder to plan again.</summary>
public sealed class StatusUpdateWorkPlanner : IIncidentWorkPlanner
{
    public IEnumerable<WorkRequest> Plan(Transition transition)
    {
        ArgumentNullException.ThrowIfNull(transition);
        if (transition.Event.Kind is TimelineKind.Declared or TimelineKind.StatusUpdate or TimelineKind.SeverityChanged
            or TimelineKind.StatusChanged or TimelineKind.Resolved or TimelineKind.Reopened or TimelineKind.Closed or TimelineKind.Cancelled
            or TimelineKind.RoleAssigned)
        {
            yield return new WorkRequest(StatusUpdateReminderWork.WorkKind, transition.Incident.Id);
        }
    }
}
