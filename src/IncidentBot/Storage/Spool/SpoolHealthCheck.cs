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
            var setAside = await spool.CountSetAsideAsync(cancellationToken);
            var data = new Dictionary<string, object> { ["pending"] = count, ["setAside"] = setAside };
            if (count == 0 && setAside == 0)
                return HealthCheckResult.Healthy("No declarations wait for the store.", data);
            var aside = setAside == 0 ? "" : $" {setAside} set aside after failing {SqliteDeclarationSpool.MaxAttempts} times (see the log).";
            return HealthCheckResult.Degraded($"{count} declaration(s) kept locally, waiting for the store.{aside}", data: data);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            return HealthCheckResult.Unhealthy($"The declare spool at {spool.Path} cannot be read.", e);
        }
    }
}
