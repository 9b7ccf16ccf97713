using IncidentBot.Dialogs.Incidents;
using IncidentBot.Dialogs.Policies;
using IncidentBot.Dialogs.Work;

namespace IncidentBot.Dialogs.Trends;

/// <summary>Makes sure every known workspace has its weekly digest timer (at start-up, and again now and then for new workspaces).</summary>
public sealed class DigestScheduler(WorkQueue work, WorkspaceRegistry workspaces, WeeklyDigest digest, IncidentPolicies policies, TimeProvider clock)
{
    public async Task EnsureAllAsync(CancellationToken cancellationToken)
    {
        if (!policies.Digest.IsEnabled)
            return;
        await foreach (var workspace in workspaces.ListAsync(cancellationToken))
        {
            var id = new WorkspaceId(workspace.Id);
            if (await work.FindAsync(id, WeeklyDigest.WorkKind, WeeklyDigest.Target, cancellationToken) is null)
                await work.RequestAsync(id, WeeklyDigest.WorkKind, WeeklyDigest.Target, digest.NextPostingAt(clock.GetUtcNow()), cancellationToken);
        }
    }
}
