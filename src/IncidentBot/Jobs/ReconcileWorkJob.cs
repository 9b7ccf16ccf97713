using IncidentBot.Dialogs.Work;

namespace IncidentBot.Jobs;

/// <summary>The recurring sweep for work whose job was lost (a crash between storing and scheduling).</summary>
public sealed class ReconcileWorkJob(WorkReconciler reconciler)
{
    public const string RecurringJobId = "reconcile-work";

    public Task RunAsync(CancellationToken cancellationToken) => reconciler.ReconcileAsync(overdueOnly: true, cancellationToken);
}
