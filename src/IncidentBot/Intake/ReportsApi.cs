using IncidentBot.Api;
using IncidentBot.Evidence;
using IncidentBot.Dialogs.Incidents;
using IncidentBot.Dialogs.Intake;
using IncidentBot.Dialogs.Work;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace IncidentBot.Intake;

/// <summary>
/// <c>GET /api/incidents/{n}/reports?after=&amp;limit=</c>: an incident's reports in the order they joined, a page at a time;
/// <c>GET /api/incidents/{n}/reports/{reportId}/attachments/{index}</c>: a file that came with one (index from 1).
/// </summary>
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

    /// <summary>
    /// The file as it came, as a download that a browser never renders (it came from outside: a page
    /// could script the dashboard's origin). A restricted incident's files need a key with the
    /// <c>evidence</c> scope, and each read is audited.
    /// </summary>
    internal static async Task<Results<FileContentHttpResult, NotFound<ProblemDetails>, ProblemHttpResult, ValidationProblem>> GetAttachmentAsync(
        int number, string reportId, int index, string? workspace, HttpContext http, IncidentStore store, ReportStore reports,
        WorkspaceRegistry workspaces, AuditTrail audit, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(http);
        var resolved = await IncidentsApi.ResolveWorkspaceAsync(workspace, workspaces, cancellationToken);
        if (resolved.Error is { } error)
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["workspace"] = [error] });
        var incident = resolved.Id is null || number <= 0 ? null : await store.FindAsync(new WorkspaceId(resolved.Id), new IncidentNumber(number), cancellationToken);
        if (incident is null)
            return NotFound($"There is no incident {number}.");
        var report = await reports.FindAsync(new WorkspaceId(resolved.Id!), reportId, cancellationToken);
        if (report is null || report.IncidentNumber != number)
            return NotFound($"Incident {number} has no report {reportId}.");
        if (report.Attachments is not { } attachments || index < 1 || index > attachments.Count)
            return NotFound($"Report {reportId} has {report.Attachments?.Count ?? 0} attachments, numbered from 1.");
        if (incident.Value.IsRestricted)
        {
            if (!AuditTrail.HasScope(http.User, ApiScopes.Evidence))
            {
                return TypedResults.Problem(statusCode: StatusCodes.Status403Forbidden,
                    detail: $"{incident.Value.Key.Key} is restricted: its reports' files need a key with the evidence scope.");
            }
            await audit.RestrictedReadAsync(http, incident.Value, $"attachment {reportId}/{index}", cancellationToken);
        }
        var attachment = attachments[index - 1];
        if (attachment.IsOmitted)
            return NotFound($"{attachment.FileName} was larger than the intake keeps ({attachment.Size} bytes); only its size and SHA-256 are recorded.");
        var content = await reports.ReadAttachmentAsync(new WorkspaceId(resolved.Id!), attachment, cancellationToken);
        if (content is null)
            return NotFound($"The content of {attachment.FileName} is no longer stored (purged after the retention period, or lost).");
        http.Response.Headers.XContentTypeOptions = "nosniff";
        http.Response.Headers.ContentSecurityPolicy = "sandbox; default-src 'none'";
        return TypedResults.File(content, "application/octet-stream", attachment.FileName,
            entityTag: new Microsoft.Net.Http.Headers.EntityTagHeaderValue($"\"{attachment.Sha256}\""));
    }

    private static NotFound<ProblemDetails> NotFound(string detail) =>
        TypedResults.NotFound(new ProblemDetails { Status = StatusCodes.Status404NotFound, Title = "Not found", Detail = detail });
}
