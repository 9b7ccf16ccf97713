using IncidentBot.Api;
using IncidentBot.Dialogs.Work;

namespace IncidentBot.Dashboard;

/// <summary>Which workspace a page shows: the one named with <c>?workspace=</c>, or the only one; with several and none named, the list to choose from.</summary>
internal static class DashboardWorkspace
{
    public static async Task<(string? Id, IReadOnlyList<string> Choices)> ResolveAsync(
        string? workspace, WorkspaceRegistry workspaces, CancellationToken cancellationToken)
    {
        var resolved = await IncidentsApi.ResolveWorkspaceAsync(workspace, workspaces, cancellationToken);
        if (resolved.Error is null)
            return (resolved.Id, []);
        var choices = new List<string>();
        await foreach (var known in workspaces.ListAsync(cancellationToken))
            choices.Add(known.Id);
        return (null, choices);
    }
}
