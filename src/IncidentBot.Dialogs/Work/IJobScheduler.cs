namespace IncidentBot.Dialogs.Work;

/// <summary>
/// The port to the background job system (the host runs one): run the stored work item at
/// a time. Jobs carry only the ids; the work item and its target are re-read when it runs.
/// </summary>
public interface IJobScheduler
{
    Task ScheduleAsync(string workspaceId, string workItemId, DateTimeOffset runAt, CancellationToken cancellationToken);

    /// <summary>
    /// The jobs one change asked for, at once. A host may run the items that are due together one
    /// after the other in one job (a declare's channel sync and status-update timer always run back
    /// to back), which costs less than a job each; by default each gets its own.
    /// </summary>
    async Task ScheduleAllAsync(IReadOnlyList<WorkJob> requested, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(requested);
        foreach (var job in requested)
            await ScheduleAsync(job.WorkspaceId, job.WorkItemId, job.RunAt, cancellationToken);
    }
}
