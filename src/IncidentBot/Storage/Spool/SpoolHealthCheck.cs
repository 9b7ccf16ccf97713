using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace IncidentBot.Storage.Spool;

/// <summary>Readiness detail: declarations waiting for the store make the bot degraded (still ready), an unreadable spool unhealthy.</summary>
internal sealed class SpoolHealthCheck(SqliteDeclarationSpool spool) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            var count = await spool.CountAsync(cancellationToken);
            var data = new Dictionary<string, object> { ["pending"] = count };
            return count == 0
                ? HealthCheckResult.Healthy("No declarations wait for the store.", data)
                : HealthCheckResult.Degraded($"{count} declaration(s) kept locally, waiting for the store.", data: data);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            return HealthCheckResult.Unhealthy($"The declare spool at {spool.Path} cannot be read.", e);
        }
    }
}
