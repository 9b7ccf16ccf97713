using IncidentBot.Dialogs.Incidents;
using IncidentBot.Dialogs.Work;

namespace IncidentBot.Dialogs.Paging;

/// <summary>
/// Asks for routing after the changes that can page someone new (a declaration, a severity
/// change, a reopening) and after those that end paging (resolved, cancelled, closed).
/// </summary>
public sealed class PageRoutingFollower(WorkQueue work, IOnCallConfigSource config) : IIncidentChangeFollower
{
    public async Task FollowAsync(Transition change, CancellationToken cancellationToken)
    {
        var routes = config.Current is not null && (change.Event.Kind is TimelineKind.Declared or TimelineKind.SeverityChanged or TimelineKind.Reopened);
        var stops = change.Event.Kind is TimelineKind.Resolved or TimelineKind.Cancelled or TimelineKind.Closed;
        if (!routes && !stops)
            return;
        await work.RequestAsync(new WorkspaceId(change.Incident.WorkspaceId), PagingWork.Route, change.Incident.Id, null, cancellationToken);
    }
}
