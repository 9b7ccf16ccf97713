using IncidentBot.Dialogs.Incidents;
using IncidentBot.Dialogs.Paging.Routing;
using IncidentBot.Dialogs.Storage;
using IncidentBot.Dialogs.Work;

namespace IncidentBot.Dialogs.Paging;

/// <summary>
/// Pages the policies an open incident's routing rules match. Run after a declaration and
/// after changes that can match more rules (severity, reopening); a policy already paged for
/// the incident is not paged again, since its first page's id is taken. For an incident no
/// longer open, stops its pending pages at once instead of at their next escalation time.
/// </summary>
public sealed class PageRoutingWork(
    IncidentStore incidents, Pager pager, PageStore pages, WorkQueue work, DocumentWriter writer, IOnCallConfigSource config, HandoffScheduler handoffs, TimeProvider clock) : IWorkHandler
{
    public string Kind => PagingWork.Route;

    public async Task<WorkOutcome> RunAsync(WorkspaceId workspace, string targetId, CancellationToken cancellationToken)
    {
        if (!IncidentNumber.TryParseDocumentId(targetId, out var number))
            return WorkOutcome.Done;
        var found = await incidents.FindAsync(workspace, number, cancellationToken);
        if (found is null)
            return WorkOutcome.Done;
        if (!found.Value.IsOpen)
        {
            await StopPendingAsync(workspace, found.Value, cancellationToken);
            return WorkOutcome.Done;
        }
        if (config.Current is not { } current)
            return WorkOutcome.Done;
        foreach (var escalationPolicyId in PageRouter.EscalationPolicyIdsFor(current.Routes, found.Value))
        {
            if (current.FindEscalationPolicy(escalationPolicyId) is { } escalationPolicy)
                await pager.StartAsync(found.Value, escalationPolicy, null, null, cancellationToken);
        }
        // A workspace seen for the first time gets its handoff timers here.
        await handoffs.EnsureAsync(workspace, cancellationToken);
        return WorkOutcome.Done;
    }

    private async Task StopPendingAsync(WorkspaceId workspace, Incident incident, CancellationToken cancellationToken)
    {
        await foreach (var page in pages.ListForIncidentAsync(workspace, incident.Number, cancellationToken))
        {
            if (!page.IsPending)
                continue;
            // Stopped with its timer gone and its DMs asked to show it: one unit. Answered or escalated
            // meanwhile: nothing to stop (an escalation run finds the incident closed and stops).
            await writer.WriteAsync(workspace, async (unit, token) =>
            {
                if (await pages.FindAsync(workspace, page.Id, token) is not { Value.IsPending: true } stored)
                    return false;
                unit.Batch.Replace(stored.Value with { Status = PageStatus.Cancelled, EscalateAt = null, ClosedAt = clock.GetUtcNow() }, stored.ETag);
                WorkQueue.Remove(unit, PagingWork.Escalate, page.Id);
                work.Add(unit, new WorkRequest(PagingWork.Deliver, page.Id));
                return true;
            }, cancellationToken);
        }
        await work.RequestAsync(workspace, Channels.ChannelSyncWork.WorkKind, incident.Id, null, cancellationToken);
    }
}
