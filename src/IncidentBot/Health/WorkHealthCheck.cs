using IncidentBot.Dialogs.Storage;
using IncidentBot.Dialogs.Work;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace IncidentBot.Health;

/// <summary>
/// Work set aside after failing too often: the instance is still ready (it serves requests), but
/// degraded until an operator looks (<c>GET /api/work</c>, <c>POST /api/work/{id}/retry</c>).
/// </summary>
internal sealed class WorkHealthCheck(IDocumentStore documents, WorkspaceRegistry workspaces) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var setAside = 0;
        try
        {
            await foreach (var workspace in workspaces.ListAsync(cancellationToken))
            {
                await foreach (var _ in SetAsideWork.ListAsync(documents, workspace.Id, cancellationToken))
                    setAside++;
            }
        }
        catch (StoreUnavailableException)
        {
            return HealthCheckResult.Healthy("not counted: the store is unavailable (see the store check)");
        }
        var data = new Dictionary<string, object> { ["setAside"] = setAside };
        return setAside == 0
            ? HealthCheckResult.Healthy("no work set aside", data)
            : HealthCheckResult.Degraded($"{setAside} work item(s) set aside after failing; see GET /api/work", data: data);
    }
}
