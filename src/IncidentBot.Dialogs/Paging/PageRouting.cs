using IncidentBot.Dialogs.Incidents;
using IncidentBot.Dialogs.Routing;
using IncidentBot.Dialogs.Work;

namespace IncidentBot.Dialogs.Paging;

/// <summary>
/// Pages the policies an open incident's routing rules match. Run after a declaration and
/// after changes that can match more rules (severity, reopening); a policy already paged for
/// the incident is not paged again, since its first page's id is taken.
/// </summary>
public sealed class PageRouting(IncidentStore incidents, Pager pager, IOnCallConfigSource config, HandoffScheduler handoffs) : IWorkHandler
{
    public string Kind => PagingWork.Route;

    public async Task<WorkOutcome> RunAsync(WorkspaceId workspace, string targetId, CancellationToken cancellationToken)
    {
        if (config.Current is not { } current || !IncidentNumber.TryParse(targetId.Replace("inc-", "", StringComparison.Ordinal), out var number))
            return WorkOutcome.Done;
        var found = await incidents.FindAsync(workspace.Value, number, cancellationToken);
        if (found is null || !found.Value.IsOpen)
            return WorkOutcome.Done;
        foreach (var policyId in PageRouter.PoliciesFor(current.Routes, found.Value))
        {
            if (current.FindPolicy(policyId) is { } policy)
                await pager.StartAsync(found.Value, policy, null, null, cancellationToken);
        }
        // A workspace seen for the first time gets its handoff timers here.
        await handoffs.EnsureAsync(workspace, cancellationToken);
        return WorkOutcome.Done;
    }
}
