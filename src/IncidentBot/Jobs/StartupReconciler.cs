using Hangfire;
using IncidentBot.Dialogs.Work;
using Microsoft.Extensions.Options;

namespace IncidentBot.Jobs;

/// <summary>
/// At start-up, registers the periodic sweep and, with the in-memory job storage (which remembers
/// nothing across a restart), re-creates a job for every pending work item. With a shared storage
/// the jobs are still there, and other instances may be running them: a new instance re-creates
/// nothing and leaves lost work to the sweep, which one instance at a time runs under a lease.
/// </summary>
internal sealed class StartupReconciler(
    WorkReconciler reconciler,
    IRecurringJobManager recurring,
    HostJobStorage storage,
    IOptions<JobsOptions> options,
    ILogger<StartupReconciler> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        // JobsOptionsValidator refuses an interval without a cron at start-up.
        var cron = ReconcileSchedule.CronFor(options.Value.ReconcileIntervalSeconds)!;
        recurring.AddOrUpdate<ReconcileWorkJob>(ReconcileWorkJob.RecurringJobId, job => job.RunAsync(CancellationToken.None), cron);
        logger.Configured(storage.Kind, options.Value.SchedulePollingInterval.TotalSeconds, options.Value.WorkerCount);
        if (storage.IsShared)
            return;
        try
        {
            await reconciler.ReconcileAsync(overdueOnly: false, cancellationToken);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // The store may be briefly unreachable at boot; the periodic sweep catches up.
            logger.StartupReconcileFailed(e);
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
