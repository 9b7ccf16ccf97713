using IncidentBot.Dialogs.Incidents;
using IncidentBot.Dialogs.Work;

namespace IncidentBot.Dialogs.Clocks;

/// <summary>A declaration asks the auto-starter to start the clocks the auto-start rules name; the starter decides.</summary>
public sealed class ClockWorkPlanner : IIncidentWorkPlanner
{
    public IEnumerable<WorkRequest> Plan(Transition transition)
    {
        ArgumentNullException.ThrowIfNull(transition);
        if (transition.Event.Kind == TimelineKind.Declared)
            yield return new WorkRequest(ClockAutoStartWork.WorkKind, transition.Incident.Id);
    }
}
