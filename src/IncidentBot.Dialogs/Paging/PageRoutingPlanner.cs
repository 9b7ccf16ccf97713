using IncidentBot.Dialogs.Incidents;
using IncidentBot.Dialogs.Work;

namespace IncidentBot.Dialogs.Paging;

/// <summary>
/// Asks for routing after the changes that can page someone new (a declaration, a severity
/// change, a reopening) and after those that end paging (resolved, cancelled, closed).
/// </summary>
public sealed class PageRoutingPlanner(IOnCallConfigSource config) : IIncidentWorkPlanner
{
    public IEnumerable<WorkRequest> Plan(Transition transition)
    {
        ArgumentNullException.ThrowIfNull(transition);
        var routes = config.Current is not null && (transition.Event.Kind is TimelineKind.Declared or TimelineKind.SeverityChanged or TimelineKind.Reopened);
        var stops = transition.Event.Kind is TimelineKind.Resolved or TimelineKind.Cancelled or TimelineKind.Closed;
        if (routes || stops)
            yield return new WorkRequest(PagingWork.Route, transition.Incident.Id);
    }
}
