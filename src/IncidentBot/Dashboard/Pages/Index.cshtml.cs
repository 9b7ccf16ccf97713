using IncidentBot.Dialogs.Clocks;
using IncidentBot.Dialogs.Incidents;
using IncidentBot.Dialogs.Trends;
using IncidentBot.Dialogs.Work;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace IncidentBot.Dashboard.Pages;

/// <summary><c>/dashboard</c>: the open incidents with their live clocks (the newest <see cref="Limit"/>).</summary>
public sealed class IndexModel(IncidentStore incidents, ClockStore clocks, WorkspaceRegistry workspaces, TimeProvider clock) : PageModel
{
    public const int Limit = 100;

    public IReadOnlyList<OpenIncidentRow> Rows { get; private set; } = [];

    public IReadOnlyList<string> Choices { get; private set; } = [];

    public DateTimeOffset Now { get; private set; }

    public string WorkspaceQuery { get; private set; } = "";

    public async Task OnGetAsync(string? workspace, CancellationToken cancellationToken)
    {
        Now = clock.GetUtcNow();
        var (id, choices) = await DashboardWorkspace.ResolveAsync(workspace, workspaces, cancellationToken);
        Choices = choices;
        if (id is null)
            return;
        WorkspaceQuery = string.IsNullOrEmpty(workspace) ? "" : "?workspace=" + Uri.EscapeDataString(workspace);
        var viewer = DashboardViewer.Of(User);
        var rows = new List<OpenIncidentRow>();
        await foreach (var incident in incidents.ListAsync(id, new IncidentFilter { OpenOnly = true, Limit = Limit }, cancellationToken))
        {
            var withheld = TrendRedaction.IsWithheldFrom(incident, viewer);
            var live = withheld
                ? []
                : (await clocks.ListAsync(new WorkspaceId(id), incident.Key, cancellationToken)).Select(c => LiveClock.Of(c.Value, Now)).ToList();
            rows.Add(new OpenIncidentRow(TrendRedaction.Shown(incident, viewer), withheld, live));
        }
        Rows = rows;
    }
}
