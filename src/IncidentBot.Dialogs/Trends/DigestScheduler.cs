using IncidentBot.Dialogs.Incidents;
using IncidentBot.Dialogs.Rules;
using IncidentBot.Dialogs.Storage;
using IncidentBot.Dialogs.Work;

namespace IncidentBot.Dialogs.Trends;

/// <summary>Makes sure every known workspace has its weekly digest timer (at start-up, and again now and then for new workspaces).</summary>
public sealed class DigestScheduler(
    WorkQueue work, WorkspaceRegistry workspaces, WeeklyDigestWork digest, IDocumentStore documents, IncidentRules rules, TimeProvider clock)
{
    public async Task EnsureAllAsync(CancellationToken cancellationToken)
    {
        if (!rules.Digest.IsEnabled)
            return;
        await foreach (var workspace in workspaces.ListAsync(cancellationToken))
        {
            var id = new WorkspaceId(workspace.Id);
            if (await work.FindAsync(id, WeeklyDigestWork.WorkKind, WeeklyDigestWork.Target, cancellationToken) is not null)
                continue;
            var now = clock.GetUtcNow();
            // Weeks count from now: a new timer posts at the next posting time, not for weeks before it.
            if (await documents.ReadAsync<TrendDigest>(id.Value, TrendDigest.DocumentId, cancellationToken) is null)
                await digest.CreateAsync(id, now, cancellationToken);
            await work.RequestAsync(id, WeeklyDigestWork.WorkKind, WeeklyDigestWork.Target, digest.NextPostingAt(now), cancellationToken);
        }
    }
}
