using IncidentBot.Dialogs.Incidents;
using IncidentBot.Dialogs.Rules;
using IncidentBot.Dialogs.Work;

namespace IncidentBot.Dialogs.StatusUpdates;

/// <summary>
/// Every change that can move the cadence (severity, status, an update, a new lead) asks the reminder to plan again,
/// due at the plan's first reminder: nothing can be due before it, so a fresh incident's timer job does not run
/// now only to move itself to that time (issue 12). A plan that is over, or already due, asks for a run now.
/// </summary>
public sealed class StatusUpdateWorkPlanner(IncidentRules rules, TimeProvider clock) : IIncidentWorkPlanner
{
    public IEnumerable<WorkRequest> Plan(Transition transition)
    {
        ArgumentNullException.ThrowIfNull(transition);
        if (transition.Event.Kind is TimelineKind.Declared or TimelineKind.StatusUpdate or TimelineKind.SeverityChanged
            or TimelineKind.StatusChanged or TimelineKind.Resolved or TimelineKind.Reopened or TimelineKind.Closed or TimelineKind.Cancelled
            or TimelineKind.RoleAssigned)
        {
            var first = StatusUpdateReminderWork.Plan(transition.Incident, rules.StatusUpdates).Select(r => (DateTimeOffset?)r.At).FirstOrDefault();
            yield return new WorkRequest(StatusUpdateReminderWork.WorkKind, transition.Incident.Id, first > clock.GetUtcNow() ? first : null);
        }
    }
}
