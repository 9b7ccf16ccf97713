using IncidentBot.Api;
using IncidentBot.Dialogs.Trends;
using IncidentBot.Dialogs.Work;
using IncidentBot.Trends;
using Microsoft.AspNetCore.Http.HttpResults;

namespace IncidentBot.Dashboard;

/// <summary>
/// The trends page's charts as PNG (<c>/dashboard/charts/{name}.png?days=…</c>), drawn on the
/// server from the same figures as the tables beside them; signed-in viewers only.
/// </summary>
internal static class DashboardCharts
{
    public const int Width = 800;
    public const int Height = 400;

    public static readonly string[] Names = ["incidents-per-week", "mtta-mttr-by-market", "clocks-by-regime", "page-load"];

    public static async Task<Results<FileContentHttpResult, NotFound>> GetAsync(
        string name, string? workspace, int? days, ITrendStore trends, ITrendChartRenderer renderer, WorkspaceRegistry workspaces,
        TimeProvider clock, CancellationToken cancellationToken)
    {
        if (!Names.Contains(name))
            return TypedResults.NotFound();
        var resolved = await IncidentsApi.ResolveWorkspaceAsync(workspace, workspaces, cancellationToken);
        var chart = await ChartAsync(name, resolved.Id ?? "_none", DashboardRange.Parse(days), trends, clock.GetUtcNow(), cancellationToken);
        return TypedResults.File(renderer.RenderPng(chart, Width, Height), "image/png");
    }

    /// <summary>The trends page's table as CSV, for the signed-in viewer (the API's <c>/api/trends.csv</c> needs a key).</summary>
    public static async Task<PushStreamHttpResult> GetCsvAsync(
        string? workspace, int? days, string? by, ITrendStore trends, WorkspaceRegistry workspaces, TimeProvider clock, CancellationToken cancellationToken)
    {
        var resolved = await IncidentsApi.ResolveWorkspaceAsync(workspace, workspaces, cancellationToken);
        var now = clock.GetUtcNow();
        var cut = TrendCutText.TryParse(by, out var parsed) ? parsed : TrendCut.Source;
        var report = await trends.AggregateAsync(new TrendQuery(resolved.Id ?? "_none", now.AddDays(-DashboardRange.Parse(days)), now, cut), cancellationToken);
        return TypedResults.Stream(body => TrendCsv.WriteAsync(body, report, cancellationToken), CsvWriter.ContentType, $"trends-by-{cut.Name()}.csv");
    }

    public static async Task<TrendChart> ChartAsync(string name, string workspace, int days, ITrendStore trends, DateTimeOffset now, CancellationToken cancellationToken)
    {
        TrendQuery Query(TrendCut cut) => new(workspace, now.AddDays(-days), now, cut);
        return name switch
        {
            "incidents-per-week" => TrendCharts.IncidentsPerWeekBySource(await trends.CrossCountAsync(Query(TrendCut.Week), TrendCut.Source, cancellationToken)),
            "mtta-mttr-by-market" => TrendCharts.MttaMttrByMarket(await trends.AggregateAsync(Query(TrendCut.Market), cancellationToken)),
            "clocks-by-regime" => TrendCharts.ClocksByRegime(await trends.AggregateAsync(Query(TrendCut.Regime), cancellationToken)),
            "page-load" => TrendCharts.PageLoadPerPerson(await trends.PageLoadAsync(Query(TrendCut.Source), cancellationToken), user => user),
            _ => throw new ArgumentOutOfRangeException(nameof(name), name, null),
        };
    }
}
