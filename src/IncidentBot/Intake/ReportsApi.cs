using IncidentBot.Api;
using IncidentBot.Dialogs.Incidents;
using IncidentBot.Dialogs.Intake;
using IncidentBot.Dialogs.Work;
using Microsoft.AspNetCore.Http.HttpResults;

namespace IncidentBot.Intake;

/// <summary><c>GET /api/incidents/{n}/reports?after=&amp;limit=</c>: an incident's reports in the order they joined, a page at a time.</summary>
public static class ReportsApi
{
    public const int DefaultLimit = 100;

    internal static async Task<Results<Ok<ReportPage>, NotFound, ValidationProblem>> ListAsync(
        int number, string? workspace, int? after, int? limit, IncidentStore store, ReportStore reports, WorkspaceRegistry workspaces, CancellationToken cancellationToken)
    {
        var resolved = await IncidentsApi.ResolveWorkspaceAsync(workspace, workspaces, cancellationToken);
        if (resolved.Error is { } error)
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["workspace"] = [error] });
        if (after is < 0)
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["after"] = ["after is the next value of the previous page, 0 or more."] });
        if (resolved.Id is null || number <= 0)
            return TypedResults.NotFound();
        var incident = await store.FindAsync(new WorkspaceId(resolved.Id), new IncidentNumber(number), cancellationToken);
        if (incident is null)
            return TypedResults.NotFound();
        var size = Math.Clamp(limit ?? DefaultLimit, 1, IncidentsApi.MaxLimit);
        var views = new List<ReportView>(size);
        await foreach (var report in reports.ListAsync(resolved.Id, incident.Value.Key, after ?? 0, size, cancellationToken))
            views.Add(ReportView.Of(report, incident.Value.IsRestricted));
        var next = views.Count == size && views[^1].Sequence < incident.Value.ReportCount ? views[^1].Sequence : (int?)null;
        return TypedResults.Ok(new ReportPage(views, next));
    }
}
