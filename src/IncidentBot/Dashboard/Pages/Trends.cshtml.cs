using IncidentBot.Dialogs.Trends;
using IncidentBot.Dialogs.Work;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace IncidentBot.Dashboard.Pages;

/// <summary>
/// <c>/dashboard/trends</c>: the figures by the chosen cut over the chosen range, and the four charts,
/// each with its numbers in a table. The pickers post (anti-forgery checked) and land on the GET address.
/// </summary>
public sealed class TrendsModel(ITrendStore trends, WorkspaceRegistry workspaces, TimeProvider clock) : PageModel
{
    public int Days { get; private set; } = DashboardRange.DefaultDays;

    public TrendCut Cut { get; private set; } = TrendCut.Source;

    public TrendReport? Report { get; private set; }

    public IReadOnlyList<DashboardChart> Charts { get; private set; } = [];

    public IReadOnlyList<string> Choices { get; private set; } = [];

    public string WorkspaceQuery { get; private set; } = "";

    public string WorkspaceAmp { get; private set; } = "";

    public async Task OnGetAsync(int? days, string? by, string? workspace, CancellationToken cancellationToken)
    {
        Days = DashboardRange.Parse(days);
        Cut = TrendCutText.TryParse(by, out var cut) ? cut : TrendCut.Source;
        var (id, choices) = await DashboardWorkspace.ResolveAsync(workspace, workspaces, cancellationToken);
        Choices = choices;
        if (!string.IsNullOrEmpty(workspace))
        {
            WorkspaceQuery = "?workspace=" + Uri.EscapeDataString(workspace);
            WorkspaceAmp = "&workspace=" + Uri.EscapeDataString(workspace);
        }
        if (choices.Count > 0)
            return;
        var scope = id ?? "_none";
        var now = clock.GetUtcNow();
        Report = await trends.AggregateAsync(new TrendQuery(scope, now.AddDays(-Days), now, Cut), cancellationToken);
        var charts = new List<DashboardChart>();
        foreach (var name in DashboardCharts.Names)
            charts.Add(new DashboardChart(name, await DashboardCharts.ChartAsync(name, scope, Days, trends, now, cancellationToken)));
        Charts = charts;
    }

    public IActionResult OnPost(int? days, string? by, string? workspace)
    {
        var cut = TrendCutText.TryParse(by, out var parsed) ? parsed : TrendCut.Source;
        return RedirectToPage(new { days = DashboardRange.Parse(days), by = cut.Name(), workspace });
    }
}
