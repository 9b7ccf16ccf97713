using Hangfire;
using IncidentBot.Dialogs.Work;

namespace IncidentBot.Jobs;

/// <summary>
/// The only Hangfire job: a pointer to a stored work item. Arguments are two ids; everything
/// else is re-read from the store when it runs. One run at a time per work item, even
/// across instances sharing a storage.
/// </summary>
public sealed class RunWorkJob(WorkDispatcher dispatcher)
{
    [DisableConcurrentExecution(timeoutInSeconds: 120)]
    [JobDisplayName("Run {1} in {0}")]
    public Task RunAsync(string workspaceId, string workItemId, CancellationToken cancellationToken) =>
        dispatcher.RunAsync(workspaceId, workItemId, cancellationToken);
}
