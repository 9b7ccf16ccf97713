using IncidentBot.Jobs;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace IncidentBot.Health;

/// <summary>
/// Ready when this instance's own job server is alive: with a shared storage other instances'
/// servers are listed too, but an instance whose server died would still take requests whose
/// jobs it never runs itself. The details name the storage and how many servers share it.
/// </summary>
internal sealed class JobsHealthCheck(HangfireJobScheduler scheduler, JobServerIdentity identity) : IHealthCheck
{
    /// <summary>Hangfire's servers beat every 30 s by default: two missed beats and this one is taken for dead.</summary>
    public static readonly TimeSpan HeartbeatTolerance = TimeSpan.FromSeconds(65);

    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            var state = await scheduler.DescribeAsync(identity.Name, HeartbeatTolerance);
            var data = new Dictionary<string, object>
            {
                ["storage"] = state.Storage.ToString(),
                ["servers"] = state.Servers,
                ["processing"] = state.IsThisInstanceProcessing,
                ["timers"] = state.PendingTimers,
            };
            return state.IsThisInstanceProcessing
                ? HealthCheckResult.Healthy($"{state.Storage} job storage; this instance runs jobs ({state.Servers} job server(s) share it).", data)
                : HealthCheckResult.Unhealthy($"{state.Storage} job storage; this instance's job server is not running: escalations and reminders would not fire here.", data: data);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            return HealthCheckResult.Unhealthy("The job storage did not answer.", e);
        }
    }
}
