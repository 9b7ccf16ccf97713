using IncidentBot.Dialogs.Incidents;
using IncidentBot.Dialogs.Work;

namespace IncidentBot.Dialogs.Retention;

/// <summary>
/// The stored timers of retention, in the unit of the change that sets them: the purge when an
/// incident is closed or cancelled (again when a hold on a finished incident is released), and the
/// sweep that keeps or frees the incident's expiring documents when a hold is placed or released.
/// </summary>
public sealed class RetentionPlanner(RetentionRules rules) : IIncidentWorkPlanner
{
    public IEnumerable<WorkRequest> Plan(Transition transition)
    {
        ArgumentNullException.ThrowIfNull(transition);
        var incident = transition.Incident;
        var kind = transition.Event.Kind;
        if (kind is TimelineKind.HoldPlaced or TimelineKind.HoldReleased)
            yield return new WorkRequest(HoldSweepWork.WorkKind, incident.Id);
        if (kind is TimelineKind.Closed or TimelineKind.Cancelled or TimelineKind.HoldReleased
            && incident.Hold is null && incident.PurgedAt is null && rules.PurgeDueAt(incident) is { } due)
            yield return new WorkRequest(RetentionPurgeWork.WorkKind, incident.Id, due);
    }
}
