using Hangfire;
using IncidentBot.Dialogs.Work;
using Microsoft.Extensions.Options;

namespace IncidentBot.Jobs;

/// <summary>
/// At start-up, re-creates a job for every pending work item (an in-memory job storage
/// remembers nothing across a restart), and registers the periodic sweep.
/// </summary>
internal sealed class StartupReconciler(
    WorkReconciler reconciler,
    IRecurringJobManager recurring,
    IOptions<JobsOptions> options,
    ILogger<StartupReconciler> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var interval = options.Value.ReconcileIntervalSeconds;
        var cron = interval < 60 ? $"*/{interval} * * * * *" : $"*/{Math.Max(1, interval / 60)} * * * *";
        recurring.AddOrUpdate<ReconcileWorkJob>(ReconcileWorkJob.RecurringJobId, job => job.RunAsync(CancellationToken.None), cron);
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
