using IncidentBot.Dialogs.Incidents;
using IncidentBot.Dialogs.Work;

namespace IncidentBot.Dialogs.PostMortems;

/// <summary>Resolving makes the post-mortem due; reopening puts it back.</summary>
public sealed class PostMortemWorkPlanner : IIncidentWorkPlanner
{
    public IEnumerable<WorkRequest> Plan(Transition transition)
    {
        ArgumentNullException.ThrowIfNull(transition);
        if (transition.Event.Kind is TimelineKind.Resolved or TimelineKind.Reopened)
            yield return new WorkRequest(PostMortemReminderWork.WorkKind, transition.Incident.Id);
    }
}
