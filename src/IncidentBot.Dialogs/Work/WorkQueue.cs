using IncidentBot.Dialogs.Incidents;
using IncidentBot.Dialogs.Storage;

namespace IncidentBot.Dialogs.Work;

/// <summary>Asks for work to be done: stores the work item (with the change that asks for it), then schedules its job.</summary>
public sealed class WorkQueue(IDocumentStore documents, IJobScheduler scheduler, TimeProvider clock)
{
    /// <summary>
    /// Puts the work item into the unit being written and schedules its job once the unit is
    /// committed. Requesting work that is already pending is cheap and safe: a run in progress
    /// sees the item changed and runs again.
    /// </summary>
    public WorkItem Add(WriteAttempt attempt, WorkRequest request)
    {
        ArgumentNullException.ThrowIfNull(attempt);
        var item = NewItem(attempt.WorkspaceId, request);
        if (attempt.Batch.Contains(item.Id))
            return item;
        attempt.Batch.Upsert(item);
        attempt.AfterCommit(cancellationToken => ScheduleAsync(item, cancellationToken));
        return item;
    }

    /// <summary>Drops the work item in the unit being written (a timer that is no longer needed).</summary>
    public static void Remove(WriteAttempt attempt, string kind, string targetId)
    {
        ArgumentNullException.ThrowIfNull(attempt);
        var id = WorkItem.IdFor(kind, targetId);
        if (!attempt.Batch.Contains(id))
            attempt.Batch.Delete(id);
    }

    /// <summary>Stores (or moves) the work item on its own and schedules it.</summary>
    public async Task RequestAsync(WorkspaceId workspace, string kind, string targetId, DateTimeOffset? dueAt, CancellationToken cancellationToken)
    {
        var item = NewItem(workspace.Value, new WorkRequest(kind, targetId, dueAt));
        await documents.UpsertAsync(item, cancellationToken);
        await ScheduleAsync(item, cancellationToken);
    }

    /// <summary>Drops pending work (the page was acknowledged); a job already queued finds nothing and stops.</summary>
    public Task CancelAsync(WorkspaceId workspace, string kind, string targetId, CancellationToken cancellationToken) =>
        documents.DeleteAsync(workspace, WorkItem.IdFor(kind, targetId), null, cancellationToken);

    public async Task<WorkItem?> FindAsync(WorkspaceId workspace, string kind, string targetId, CancellationToken cancellationToken) =>
        (await documents.ReadAsync<WorkItem>(workspace, WorkItem.IdFor(kind, targetId), cancellationToken))?.Value;

    /// <summary>The job of a stored item: after the person's answer when one is being sent, else now.</summary>
    private Task ScheduleAsync(WorkItem item, CancellationToken cancellationToken) =>
        DeferredJobs.Current?.TryAdd(item.WorkspaceId, item.Id, item.DueAt) == true
            ? Task.CompletedTask
            : scheduler.ScheduleAsync(item.WorkspaceId, item.Id, item.DueAt, cancellationToken);

    private WorkItem NewItem(string workspaceId, WorkRequest request)
    {
        var now = clock.GetUtcNow();
        return new WorkItem
        {
            WorkspaceId = workspaceId,
            Kind = request.Kind,
            TargetId = request.TargetId,
            DueAt = request.DueAt ?? now,
            RequestedAt = now,
        };
    }
}
