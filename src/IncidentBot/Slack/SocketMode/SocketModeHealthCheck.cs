using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace IncidentBot.Slack.SocketMode;

/// <summary>
/// Socket Mode on <c>/readyz</c>. With no connection open the instance is degraded, not unhealthy:
/// Slack's traffic does not come through the load balancer, and the instance still runs jobs and
/// serves Teams, so taking it out of rotation would gain nothing.
/// </summary>
internal sealed class SocketModeHealthCheck(SocketModeStatus status) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        if (!status.IsEnabled)
            return Task.FromResult(HealthCheckResult.Healthy("off: Slack uses the request URLs"));
        var open = status.OpenConnections;
        var wanted = status.WantedConnections;
        var data = new Dictionary<string, object> { ["open"] = open, ["wanted"] = wanted };
        var description = $"{open} of {wanted} connection(s) open; " + string.Join("; ", status.Describe());
        return Task.FromResult(open == 0
            ? HealthCheckResult.Degraded("no Socket Mode connection is open, Slack cannot reach this instance: " + description, data: data)
            : HealthCheckResult.Healthy(description, data));
    }
}
