using IncidentBot.Dialogs.Incidents;
using IncidentBot.Dialogs.Work;

namespace IncidentBot.Dialogs.Paging;

/// <summary>Asks for routing after the changes that can page someone new: a declaration, a severity change, a reopening.</summary>
public sealed class PageRoutingFollower(WorkQueue work, IOnCallConfigSource config) : IIncidentChangeFollower
{
    public async Task FollowAsync(Transition change, CancellationToken cancellationToken)
    {
        if (config.Current is null || change.Event.Kind is not (TimelineKind.Declared or TimelineKind.SeverityChanged or TimelineKind.Reopened))
            return;
        await work.RequestAsync(new WorkspaceId(change.Incident.WorkspaceId), PagingWork.Route, change.Incident.Id, null, cancellationToken);
    }
}
