using IncidentBot.Dialogs.Incidents;
using IncidentBot.Dialogs.Rules;
using IncidentBot.Dialogs.Work;

namespace IncidentBot.Dialogs.Clocks;

/// <summary>
/// A declaration asks the auto-starter to start the clocks the auto-start rules name; the starter decides.
/// A source no rule admits asks for nothing: that job could only read the incident and stop (issue 12).
/// </summary>
public sealed class ClockWorkPlanner(IncidentRules rules) : IIncidentWorkPlanner
{
    public IEnumerable<WorkRequest> Plan(Transition transition)
    {
        ArgumentNullException.ThrowIfNull(transition);
        if (transition.Event.Kind == TimelineKind.Declared && rules.Clocks.MayStartOnDeclare(transition.Incident))
            yield return new WorkRequest(ClockAutoStartWork.WorkKind, transition.Incident.Id);
    }
}
