using IncidentBot.Dialogs.Storage;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace IncidentBot.Health;

internal sealed class StoreHealthCheck(IDocumentStore store) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            var health = await store.CheckHealthAsync(cancellationToken);
            var data = new Dictionary<string, object> { ["kind"] = health.Kind };
            return health.IsHealthy
                ? HealthCheckResult.Healthy($"{health.Kind} store: {health.Description}", data)
                : HealthCheckResult.Unhealthy($"{health.Kind} store: {health.Description}", data: data);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            return HealthCheckResult.Unhealthy("The store did not answer.", e);
        }
    }
}
