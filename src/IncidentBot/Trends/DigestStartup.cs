using IncidentBot.Dialogs.Trends;

namespace IncidentBot.Trends;

/// <summary>
/// Puts the weekly digest timer in place for every known workspace at start-up, and looks again
/// every hour for workspaces that appeared since. The timers themselves are stored work items.
/// </summary>
internal sealed class DigestStartup(DigestScheduler digests, TimeProvider clock, ILogger<DigestStartup> logger) : BackgroundService
{
    public static readonly TimeSpan Interval = TimeSpan.FromHours(1);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await digests.EnsureAllAsync(stoppingToken);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                logger.DigestTimersNotScheduled(e);
            }
            await Task.Delay(Interval, clock, stoppingToken);
        }
    }
}
