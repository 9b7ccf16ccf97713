using IncidentBot.Dialogs.Channels;
using IncidentBot.Dialogs.Storage;
using IncidentBot.Dialogs.Work;

namespace IncidentBot.Dialogs.Incidents;

/// <summary>The work every stored declaration and change asks for: its channel brought up to date, and what the planners add.</summary>
public sealed class IncidentFollowUps(WorkQueue work, IEnumerable<IIncidentWorkPlanner> planners)
{
    private readonly IIncidentWorkPlanner[] _planners = [.. planners];

    public void AddTo(WriteAttempt attempt, Transition transition)
    {
        ArgumentNullException.ThrowIfNull(transition);
        work.Add(attempt, new WorkRequest(ChannelSyncWork.WorkKind, transition.Incident.Id));
        foreach (var planner in _planners)
        {
            foreach (var request in planner.Plan(transition))
                work.Add(attempt, request);
        }
    }
}
