using IncidentBot.Dialogs.Incidents;
using IncidentBot.Dialogs.Work;

namespace IncidentBot.Dialogs.Paging;

/// <summary>Makes sure every rotation of the file has a handoff timer in every known workspace (at start-up, after a reload).</summary>
public sealed class HandoffScheduler(IOnCallConfigSource config, WorkQueue work, WorkspaceRegistry workspaces)
{
    public async Task EnsureAllAsync(CancellationToken cancellationToken)
    {
        await foreach (var workspace in workspaces.ListAsync(cancellationToken))
            await EnsureAsync(new WorkspaceId(workspace.Id), cancellationToken);
    }

    public async Task EnsureAsync(WorkspaceId workspace, CancellationToken cancellationToken)
    {
        if (config.Current is not { } current)
            return;
        foreach (var rotation in current.Rotations)
        {
            if (await work.FindAsync(workspace, PagingWork.Handoff, rotation.Id, cancellationToken) is null)
                await work.RequestAsync(workspace, PagingWork.Handoff, rotation.Id, null, cancellationToken);
        }
    }
}
