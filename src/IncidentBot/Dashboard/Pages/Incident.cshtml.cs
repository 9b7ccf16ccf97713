using IncidentBot.Dialogs.Clocks;
using IncidentBot.Dialogs.Incidents;
using IncidentBot.Dialogs.Paging;
using IncidentBot.Dialogs.PostMortems;
using IncidentBot.Dialogs.Storage;
using IncidentBot.Dialogs.Trends;
using IncidentBot.Dialogs.Work;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace IncidentBot.Dashboard.Pages;

/// <summary><c>/dashboard/incidents/{n}</c>: record, clocks, pages and who acknowledged, timeline, reports, post-mortem; a restricted one shows number and severity to non-members.</summary>
public sealed class IncidentModel(
    IncidentStore incidents, ClockStore clocks, PageStore pages, IDocumentStore documents, WorkspaceRegistry workspaces, TimeProvider clock) : PageModel
{
    public Incident? Incident { get; private set; }

    public bool IsWithheld { get; private set; }

    public IReadOnlyList<LiveClock> Clocks { get; private set; } = [];

    public IReadOnlyList<Dialogs.Paging.Page> Pages { get; private set; } = [];

    public IReadOnlyList<TimelineEvent> Timeline { get; private set; } = [];

    public PostMortem? PostMortem { get; private set; }

    public async Task OnGetAsync(int number, string? workspace, CancellationToken cancellationToken)
    {
        var (id, _) = await DashboardWorkspace.ResolveAsync(workspace, workspaces, cancellationToken);
        if (id is null || number <= 0 || await incidents.FindAsync(new WorkspaceId(id), new IncidentNumber(number), cancellationToken) is not { } found)
        {
            Response.StatusCode = StatusCodes.Status404NotFound;
            return;
        }
        var viewer = DashboardViewer.Of(User);
        IsWithheld = TrendRedaction.IsWithheldFrom(found.Value, viewer);
        Incident = TrendRedaction.Shown(found.Value, viewer);
        if (IsWithheld)
            return;
        var now = clock.GetUtcNow();
        Clocks = [.. (await clocks.ListAsync(found.Value.Workspace(), found.Value.Key, cancellationToken)).Select(c => LiveClock.Of(c.Value, now))];
        var pageList = new List<Dialogs.Paging.Page>();
        await foreach (var page in pages.ListForIncidentAsync(found.Value.Workspace(), number, cancellationToken))
            pageList.Add(page);
        Pages = pageList;
        var timeline = new List<TimelineEvent>();
        await foreach (var e in incidents.TimelineAsync(id, found.Value.Key, cancellationToken))
            timeline.Add(e);
        Timeline = timeline;
        PostMortem = (await documents.ReadAsync<PostMortem>(id, PostMortem.IdFor(number), cancellationToken))?.Value;
    }
}
