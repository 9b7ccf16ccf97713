using IncidentBot.Dialogs.Incidents;
using IncidentBot.Dialogs.Storage;

namespace IncidentBot.Dialogs.ActionItems;

/// <summary>Action items: per incident, and per owner across incidents (single-partition queries).</summary>
public sealed class ActionItemStore(DocumentWriter writer)
{
    private readonly IDocumentStore documents = writer.Documents;

    public const int MaxListed = 200;

    public async Task<IReadOnlyList<ActionItem>> ListAsync(WorkspaceId workspaceId, IncidentNumber number, CancellationToken cancellationToken)
    {
        var query = new DocumentQuery(workspaceId, ActionItem.DocumentType).WhereEquals(ActionItem.Paths.IncidentNumber, number.Value);
        var items = new List<ActionItem>();
        await foreach (var found in documents.QueryAsync<ActionItem>(query, cancellationToken))
            items.Add(found.Value);
        return [.. items.OrderBy(i => i.Sequence)];
    }

    public async Task<IReadOnlyList<ActionItem>> OpenOwnedByAsync(WorkspaceId workspaceId, UserId owner, CancellationToken cancellationToken)
    {
        var query = new DocumentQuery(workspaceId, ActionItem.DocumentType)
            .WhereEquals(ActionItem.Paths.Owner, owner)
            .WhereEquals(ActionItem.Paths.IsOpen, true)
            .Take(MaxListed);
        var items = new List<ActionItem>();
        await foreach (var found in documents.QueryAsync<ActionItem>(query, cancellationToken))
            items.Add(found.Value);
        return items;
    }

    public Task<Versioned<ActionItem>?> FindAsync(WorkspaceId workspaceId, string id, CancellationToken cancellationToken) =>
        documents.ReadAsync<ActionItem>(workspaceId, id, cancellationToken);

    /// <summary>
    /// Stores a new item under the next free number of its incident, with what
    /// <paramref name="alongside"/> adds (its timeline event, its reminder) in the same unit.
    /// </summary>
    public async Task<ActionItem> AddAsync(ActionItem draft, Action<WriteAttempt, ActionItem> alongside, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(draft);
        var sequence = 0;
        var committed = await writer.WriteAsync(draft.WorkspaceId, async (attempt, token) =>
        {
            if (!attempt.IsRetry)
            {
                var existing = await ListAsync(draft.Workspace(), new IncidentNumber(draft.IncidentNumber), token);
                sequence = existing.Count == 0 ? 0 : existing.Max(i => i.Sequence);
            }
            // A retry follows someone adding one at the same moment: the next number.
            var item = draft with { Sequence = ++sequence };
            attempt.Batch.Create(item);
            alongside(attempt, item);
            return item;
        }, cancellationToken);
        return committed.Value;
    }

    public Task<string> ReplaceAsync(ActionItem item, string etag, CancellationToken cancellationToken) =>
        documents.ReplaceAsync(item, etag, cancellationToken);
}
