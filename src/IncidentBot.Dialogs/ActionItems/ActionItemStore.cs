using IncidentBot.Dialogs.Incidents;
using IncidentBot.Dialogs.Storage;

namespace IncidentBot.Dialogs.ActionItems;

/// <summary>Action items: per incident, and per owner across incidents (single-partition queries).</summary>
public sealed class ActionItemStore(IDocumentStore documents)
{
    public const int MaxListed = 200;

    public async Task<IReadOnlyList<ActionItem>> ListAsync(string workspaceId, IncidentNumber number, CancellationToken cancellationToken)
    {
        var query = new DocumentQuery(workspaceId, ActionItem.DocumentType).WhereEquals("incidentNumber", number.Value);
        var items = new List<ActionItem>();
        await foreach (var found in documents.QueryAsync<ActionItem>(query, cancellationToken))
            items.Add(found.Value);
        return [.. items.OrderBy(i => i.Sequence)];
    }

    public async Task<IReadOnlyList<ActionItem>> OpenOwnedByAsync(string workspaceId, UserId owner, CancellationToken cancellationToken)
    {
        var query = new DocumentQuery(workspaceId, ActionItem.DocumentType)
            .WhereEquals("owner", owner)
            .WhereEquals("isOpen", true)
            .Take(MaxListed);
        var items = new List<ActionItem>();
        await foreach (var found in documents.QueryAsync<ActionItem>(query, cancellationToken))
            items.Add(found.Value);
        return items;
    }

    public Task<Versioned<ActionItem>?> FindAsync(string workspaceId, string id, CancellationToken cancellationToken) =>
        documents.ReadAsync<ActionItem>(workspaceId, id, cancellationToken);

    /// <summary>Stores a new item under the next free number of its incident.</summary>
    public async Task<ActionItem> AddAsync(ActionItem draft, CancellationToken cancellationToken)
    {
        var existing = await ListAsync(draft.WorkspaceId, new IncidentNumber(draft.IncidentNumber), cancellationToken);
        var sequence = existing.Count == 0 ? 1 : existing.Max(i => i.Sequence) + 1;
        for (var attempt = 0; ; attempt++)
        {
            var item = draft with { Sequence = sequence };
            try
            {
                await documents.CreateAsync(item, cancellationToken);
                return item;
            }
            catch (DocumentConflictException e) when (e.AlreadyExists && attempt < 100)
            {
                sequence++; // added at the same moment by someone else
            }
        }
    }

    public Task<string> ReplaceAsync(ActionItem item, string etag, CancellationToken cancellationToken) =>
        documents.ReplaceAsync(item, etag, cancellationToken);
}
