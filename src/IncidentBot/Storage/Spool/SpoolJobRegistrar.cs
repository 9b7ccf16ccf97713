using System.Globalization;
using Hangfire;
using Microsoft.Extensions.Options;

namespace IncidentBot.Storage.Spool;

/// <summary>Registers the recurring job at start-up; what waits in the spool from before a restart is stored by its first run.</summary>
internal sealed class SpoolJobRegistrar(
    IRecurringJobManager recurring, SqliteDeclarationSpool spool, IOptions<SpoolOptions> options, ILogger<SpoolJobRegistrar> logger) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        var seconds = options.Value.RetryIntervalSeconds;
        var cron = seconds < 60
            ? string.Create(CultureInfo.InvariantCulture, $"*/{seconds} * * * * *")
            : string.Create(CultureInfo.InvariantCulture, $"*/{Math.Max(1, seconds / 60)} * * * *");
        recurring.AddOrUpdate<StoreSpooledDeclaresJob>(StoreSpooledDeclaresJob.RecurringJobId, job => job.RunAsync(CancellationToken.None), cron);
        logger.Configured(spool.Path, seconds);
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
