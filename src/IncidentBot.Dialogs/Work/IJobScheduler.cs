namespace IncidentBot.Dialogs.Work;

/// <summary>
/// The port to the background job system (the host runs one): run the stored work item at
/// a time. Jobs carry only the two ids; the work item and its target are re-read when it runs.
/// </summary>
public interface IJobScheduler
{
    Task ScheduleAsync(string workspaceId, string workItemId, DateTimeOffset runAt, CancellationToken cancellationToken);
}
