using IncidentBot.Dialogs.Work;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace IncidentBot.Health;

internal sealed class JobsHealthCheck(IJobScheduler scheduler) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            return await scheduler.IsHealthyAsync(cancellationToken)
                ? HealthCheckResult.Healthy("A job server is running.")
                : HealthCheckResult.Unhealthy("No job server is running: escalations and reminders would not fire.");
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            return HealthCheckResult.Unhealthy("The job storage did not answer.", e);
        }
    }
}
