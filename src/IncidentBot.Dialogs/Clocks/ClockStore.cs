using IncidentBot.Dialogs.Incidents;
using IncidentBot.Dialogs.Storage;

namespace IncidentBot.Dialogs.Clocks;

/// <summary>The clocks of an incident: documents of their own in the workspace's partition.</summary>
public sealed class ClockStore(IDocumentStore documents)
{
    public async Task<IReadOnlyList<Versioned<Clock>>> ListAsync(WorkspaceId workspaceId, IncidentNumber number, CancellationToken cancellationToken)
    {
        var query = new DocumentQuery(workspaceId, Clock.DocumentType).WhereEquals(Clock.Paths.IncidentNumber, number.Value);
        var clocks = new List<Versioned<Clock>>();
        await foreach (var found in documents.QueryAsync<Clock>(query, cancellationToken))
            clocks.Add(found);
        return [.. clocks.OrderBy(c => c.Value.StartedAt).ThenBy(c => c.Value.Name, StringComparer.Ordinal)];
    }

    public Task<Versioned<Clock>?> FindAsync(WorkspaceId workspaceId, IncidentNumber number, string name, CancellationToken cancellationToken) =>
        documents.ReadAsync<Clock>(workspaceId, Clock.IdFor(number.Value, name), cancellationToken);

    public async Task<Versioned<Clock>?> FindAsync(WorkspaceId workspaceId, string clockId, CancellationToken cancellationToken) =>
        await documents.ReadAsync<Clock>(workspaceId, clockId, cancellationToken);
}
