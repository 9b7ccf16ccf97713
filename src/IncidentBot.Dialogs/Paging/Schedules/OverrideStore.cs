using IncidentBot.Dialogs.Incidents;
using IncidentBot.Dialogs.Storage;

namespace IncidentBot.Dialogs.Paging.Schedules;

/// <summary>Overrides in the document store.</summary>
public sealed class OverrideStore(IDocumentStore documents)
{
    /// <summary>Stores the override; the same one typed twice is stored once.</summary>
    public Task SaveAsync(OnCallOverride entry, CancellationToken cancellationToken) =>
        documents.UpsertAsync(entry, cancellationToken);

    /// <summary>The overrides of a rotation (all rotations when null) that have not ended by <paramref name="after"/>.</summary>
    public async Task<IReadOnlyList<OnCallOverride>> ListAsync(WorkspaceId workspaceId, string? rotationId, DateTimeOffset after, CancellationToken cancellationToken)
    {
        var query = new DocumentQuery(workspaceId, OnCallOverride.DocumentType).Where(OnCallOverride.Paths.Until, FilterOperator.GreaterThan, after);
        if (rotationId is not null)
            query = query.WhereEquals(OnCallOverride.Paths.RotationId, rotationId);
        var found = new List<OnCallOverride>();
        await foreach (var entry in documents.QueryAsync<OnCallOverride>(query, cancellationToken))
            found.Add(entry.Value);
        return found;
    }
}
