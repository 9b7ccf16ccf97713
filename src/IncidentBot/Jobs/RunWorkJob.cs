using System.Runtime.ExceptionServices;
using Hangfire;
using IncidentBot.Dialogs.Work;

namespace IncidentBot.Jobs;

/// <summary>
/// The only Hangfire job: a pointer to a stored work item (or to the few one change asked for at
/// once). Arguments are ids; everything else is re-read from the store when it runs. One run at a
/// time per work item, even across instances sharing a storage.
/// </summary>
public sealed class RunWorkJob(WorkDispatcher dispatcher, WaitingJobs waiting, JobStorage storage)
{
    /// <summary>The lock of one work item's runs; Hangfire's filter formats it with the job's arguments and lower-cases it, as <see cref="RunTogetherAsync"/> does.</summary>
    private const string LockResource = "incidentbot:work:{0}:{1}";

    /// <summary>
    /// A short wait: a lock left by a killed instance must not hold a worker (escalations queue behind it) for long;
    /// a run that times out fails and is retried, and the store's ETags and claims decide anyway.
    /// </summary>
    private const int LockTimeoutSeconds = 10;

    // The resource names the work item: without it Hangfire locks the method, and every job of the host would run one at a time.
    [DisableConcurrentExecution(LockResource, LockTimeoutSeconds)]
    [JobDisplayName("Run {1} in {0}")]
    public Task RunAsync(string workspaceId, string workItemId, CancellationToken cancellationToken)
    {
        // Before the item is read: a request stored from now on needs a job of its own.
        waiting.Release(workspaceId, workItemId);
        return dispatcher.RunAsync(workspaceId, workItemId, cancellationToken);
    }

    /// <summary>
    /// Runs several work items of one workspace one after the other, each under the lock
    /// <see cref="RunAsync"/> takes. One item's failure does not keep the others from running; the
    /// job then fails, and Hangfire's retry runs the items again (those already done are gone).
    /// </summary>
    [JobDisplayName("Run {1} in {0}")]
    public async Task RunTogetherAsync(string workspaceId, string[] workItemIds, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(workItemIds);
        List<Exception>? failures = null;
        foreach (var workItemId in workItemIds)
        {
            waiting.Release(workspaceId, workItemId);
            try
            {
                using var connection = storage.GetConnection();
                using var itemLock = connection.AcquireDistributedLock(
                    string.Concat("incidentbot:work:", workspaceId, ":", workItemId).ToLowerInvariant(),
                    TimeSpan.FromSeconds(LockTimeoutSeconds));
                await dispatcher.RunAsync(workspaceId, workItemId, cancellationToken);
            }
            catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
            {
                (failures ??= []).Add(e);
            }
        }
        if (failures is not null)
        {
            if (failures.Count == 1)
                ExceptionDispatchInfo.Throw(failures[0]);
            throw new AggregateException(failures);
        }
    }
}
