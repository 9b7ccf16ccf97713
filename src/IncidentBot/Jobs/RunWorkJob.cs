using Hangfire;
using IncidentBot.Dialogs.Work;

namespace IncidentBot.Jobs;

/// <summary>
/// The only Hangfire job: a pointer to a stored work item. Arguments are two ids; everything
/// else is re-read from the store when it runs. One run at a time per work item, even
/// across instances sharing a storage.
/// </summary>
public sealed class RunWorkJob(WorkDispatcher dispatcher, WaitingJobs waiting)
{
    // The resource names the work item: without it Hangfire locks the method, and every job of the host would run one at a time.
    // A short wait: a lock left by a killed instance must not hold a worker (escalations queue behind it) for long;
    // a run that times out fails and is retried, and the store's ETags and claims decide anyway.
    [DisableConcurrentExecution("incidentbot:work:{0}:{1}", 10)]
    [JobDisplayName("Run {1} in {0}")]
    public Task RunAsync(string workspaceId, string workItemId, CancellationToken cancellationToken)
    {
        // Before the item is read: a request stored from now on needs a job of its own.
        waiting.Release(workspaceId, workItemId);
        return dispatcher.RunAsync(workspaceId, workItemId, cancellationToken);
    }
}
