using IncidentBot.Dialogs.Incidents;
using IncidentBot.Dialogs.Storage;

namespace IncidentBot.Dialogs.Work;

/// <summary>Asks for work to be done: stores the work item, then schedules its job.</summary>
public sealed class WorkQueue(IDocumentStore documents, IJobScheduler scheduler, TimeProvider clock)
{
    /// <summary>
    /// Stores (or moves) the work item and schedules it. Requesting work that is already
    /// pending is cheap and safe: a run in progress sees the item changed and runs again.
    /// </summary>
    public async Task RequestAsync(WorkspaceId workspace, string kind, string targetId, DateTimeOffset? dueAt, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var item = new WorkItem
        {
            WorkspaceId = workspace.Value,
            Kind = kind,
            TargetId = targetId,
            DueAt = dueAt ?? now,
            RequestedAt = now,
        };
        await documents.UpsertAsync(item, cancellationToken);
        await scheduler.ScheduleAsync(workspace.Value, item.Id, item.DueAt, cancellationToken);
    }

    /// <summary>Drops pending work (the page was acknowledged); a job already queued finds nothing and stops.</summary>
    public Task CancelAsync(WorkspaceId workspace, string kind, string targetId, CancellationToken cancellationToken) =>
        documents.DeleteAsync(workspace.Value, WorkItem.IdFor(kind, targetId), null, cancellationToken);

    public async Task<WorkItem?> FindAsync(WorkspaceId workspace, string kind, string targetId, CancellationToken cancellationToken) =>
        (await documents.ReadAsync<WorkItem>(workspace.Value, WorkItem.IdFor(kind, targetId), cancellationToken))?.Value;
}
