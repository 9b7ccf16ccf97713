using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using IncidentBot.Dialogs.Incidents;
using IncidentBot.Dialogs.Platform;
using IncidentBot.Dialogs.Storage;

namespace IncidentBot.Dialogs.Work;

/// <summary>Remembers which workspaces exist; the set in memory only saves repeated writes.</summary>
public sealed class WorkspaceRegistry(IDocumentStore documents, TimeProvider clock)
{
    private readonly ConcurrentDictionary<string, bool> _recorded = new(StringComparer.Ordinal);

    public async Task EnsureAsync(WorkspaceId workspaceId, PlatformId platform, CancellationToken cancellationToken)
    {
        if (_recorded.ContainsKey(workspaceId.Value))
            return;
        var existing = await documents.ReadAsync<KnownWorkspace>(KnownWorkspace.RegistryPartition, workspaceId.Value, cancellationToken);
        if (existing is null)
        {
            try
            {
                await documents.CreateAsync(
                    new KnownWorkspace { Id = workspaceId.Value, Platform = platform, FirstSeenAt = clock.GetUtcNow() }, cancellationToken);
            }
            catch (DocumentConflictException)
            {
                // Recorded by a concurrent request.
            }
        }
        _recorded.TryAdd(workspaceId.Value, true);
    }

    public async IAsyncEnumerable<KnownWorkspace> ListAsync([EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var query = new DocumentQuery(KnownWorkspace.RegistryPartition, "workspace");
        await foreach (var found in documents.QueryAsync<KnownWorkspace>(query, cancellationToken))
            yield return found.Value;
    }
}
