using IncidentBot.Dialogs.Work;
using Microsoft.Extensions.Options;

namespace IncidentBot.Jobs;

/// <summary>
/// The recurring sweep for work whose job was lost (a crash between storing and scheduling, an
/// instance that died holding an in-process timer). With a shared job storage, only the holder of
/// the sweeping lease sweeps; the lease outlives a few sweeps, so another instance takes over
/// only when the holder has stopped.
/// </summary>
public sealed class ReconcileWorkJob(WorkReconciler reconciler, HostJobStorage storage, JobServerIdentity identity, IOptions<JobsOptions> options)
{
    public const string RecurringJobId = "reconcile-work";

    public async Task RunAsync(CancellationToken cancellationToken)
    {
        if (storage.IsShared
            && !await reconciler.TryLeaseAsync(identity.Name, TimeSpan.FromSeconds(3 * options.Value.ReconcileIntervalSeconds), cancellationToken))
        {
            return;
        }
        await reconciler.ReconcileAsync(overdueOnly: true, cancellationToken);
    }
}
