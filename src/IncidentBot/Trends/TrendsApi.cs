using IncidentBot.Api;
using IncidentBot.Dialogs.Incidents;
using IncidentBot.Dialogs.Trends;
using IncidentBot.Dialogs.Work;
using Microsoft.AspNetCore.Http.HttpResults;

namespace IncidentBot.Trends;

/// <summary>
/// <c>GET /api/trends</c> (JSON), <c>/api/trends.csv</c> and <c>/api/incidents.csv</c>, behind the
/// API keys. Problems with the parameters are problem details naming each parameter.
/// </summary>
public static class TrendsApi
{
    internal static async Task<Results<Ok<TrendReportView>, ValidationProblem>> GetTrendsAsync(
        string? workspace, string? from, string? to, string? by, string? source, string? severity, string? market, string? language,
        ITrendStore trends, WorkspaceRegistry workspaces, TimeProvider clock, CancellationToken cancellationToken)
    {
        var (query, errors) = await ParseAsync(workspace, from, to, by, source, severity, market, language, workspaces, clock, cancellationToken);
        if (query is null)
            return TypedResults.ValidationProblem(errors);
        return TypedResults.Ok(TrendReportView.Of(await trends.AggregateAsync(query, cancellationToken)));
    }

    internal static async Task<Results<PushStreamHttpResult, ValidationProblem>> GetTrendsCsvAsync(
        string? workspace, string? from, string? to, string? by, string? source, string? severity, string? market, string? language,
        ITrendStore trends, WorkspaceRegistry workspaces, TimeProvider clock, CancellationToken cancellationToken)
    {
        var (query, errors) = await ParseAsync(workspace, from, to, by, source, severity, market, language, workspaces, clock, cancellationToken);
        if (query is null)
            return TypedResults.ValidationProblem(errors);
        var report = await trends.AggregateAsync(query, cancellationToken);
        return TypedResults.Stream(body => TrendCsv.WriteAsync(body, report, cancellationToken), CsvWriter.ContentType, $"trends-by-{query.Cut.Name()}.csv");
    }

    /// <summary>The list's filters (<c>status</c>, <c>severity</c>, <c>source</c>, <c>market</c>, <c>language</c>), every match unless <c>limit</c> caps it.</summary>
    internal static async Task<Results<PushStreamHttpResult, ValidationProblem>> GetIncidentsCsvAsync(
        string? workspace, string? status, string? severity, string? source, string? market, string? language, int? limit,
        IIncidentExportStore export, WorkspaceRegistry workspaces, CancellationToken cancellationToken)
    {
        var errors = new Dictionary<string, string[]>();
        var filter = new IncidentFilter { Limit = limit ?? int.MaxValue };
        if (limit is < 1)
            errors["limit"] = ["Give a positive number, or leave it out for every incident."];
        if (status is not null)
        {
            if (status.Equals("open", StringComparison.OrdinalIgnoreCase))
                filter = filter with { OpenOnly = true };
            else if (Enum.TryParse<IncidentStatus>(status, ignoreCase: true, out var s) && !int.TryParse(status, out _))
                filter = filter with { Status = s };
            else
                errors["status"] = ["Use open, declared, investigating, mitigated, resolved, closed or cancelled."];
        }
        var narrowed = TrendQueryParser.ParseFilter(source, severity, market, language, errors);
        filter = filter with { Source = narrowed.Source, Severity = narrowed.Severity, Market = narrowed.Market, Language = narrowed.Language };
        var resolved = await IncidentsApi.ResolveWorkspaceAsync(workspace, workspaces, cancellationToken);
        if (resolved.Error is { } workspaceError)
            errors["workspace"] = [workspaceError];
        if (errors.Count > 0)
            return TypedResults.ValidationProblem(errors);
        var rows = resolved.Id is { } id ? export.ExportAsync(id, filter, cancellationToken) : AsyncEnumerable.Empty<IncidentExportRow>();
        return TypedResults.Stream(body => IncidentCsv.WriteAsync(body, rows, cancellationToken), CsvWriter.ContentType, "incidents.csv");
    }

    private static async Task<(TrendQuery? Query, Dictionary<string, string[]> Errors)> ParseAsync(
        string? workspace, string? from, string? to, string? by, string? source, string? severity, string? market, string? language,
        WorkspaceRegistry workspaces, TimeProvider clock, CancellationToken cancellationToken)
    {
        var errors = new Dictionary<string, string[]>();
        var resolved = await IncidentsApi.ResolveWorkspaceAsync(workspace, workspaces, cancellationToken);
        if (resolved.Error is { } workspaceError)
            errors["workspace"] = [workspaceError];
        // No workspace yet (nothing declared): the figures of an empty one.
        var query = TrendQueryParser.Parse(resolved.Id ?? "_none", from, to, by, source, severity, market, language, clock.GetUtcNow(), errors);
        return (errors.Count > 0 ? null : query, errors);
    }
}
