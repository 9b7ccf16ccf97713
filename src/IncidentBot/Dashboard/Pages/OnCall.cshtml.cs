using IncidentBot.Dialogs.Incidents;
using IncidentBot.Dialogs.Paging;
using IncidentBot.Dialogs.Paging.Schedules;
using IncidentBot.Dialogs.Work;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace IncidentBot.Dashboard.Pages;

/// <summary><c>/dashboard/oncall</c>: per rotation of the on-call file, who is on call now (overrides included) and who is next.</summary>
public sealed class OnCallModel(IOnCallConfigSource config, OverrideStore overrides, WorkspaceRegistry workspaces, TimeProvider clock) : PageModel
{
    public IReadOnlyList<OnCallRow> Rows { get; private set; } = [];

    public IReadOnlyList<string> Choices { get; private set; } = [];

    public async Task OnGetAsync(string? workspace, CancellationToken cancellationToken)
    {
        var (id, choices) = await DashboardWorkspace.ResolveAsync(workspace, workspaces, cancellationToken);
        Choices = choices;
        if (config.Current is not { } current)
            return;
        var now = clock.GetUtcNow();
        var rows = new List<OnCallRow>();
        foreach (var rotation in current.Rotations)
        {
            var active = id is null ? [] : await overrides.ListAsync(new WorkspaceId(id), rotation.Id, now, cancellationToken);
            var change = RotationSchedule.ChangeAfter(rotation, active, now);
            var next = change is { } at ? RotationSchedule.PersonAt(rotation, active, at) : null;
            rows.Add(new OnCallRow(rotation.Name, RotationSchedule.PersonAt(rotation, active, now)?.ToString(), next?.ToString(), change));
        }
        Rows = rows;
    }
}
