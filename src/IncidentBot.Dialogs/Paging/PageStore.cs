using System.Runtime.CompilerServices;
using IncidentBot.Dialogs.Incidents;
using IncidentBot.Dialogs.Storage;

namespace IncidentBot.Dialogs.Paging;

/// <summary>Pages in the document store: read, create once, replace with an ETag, list an incident's, follow a chain.</summary>
public sealed class PageStore(DocumentWriter writer, TimeProvider clock)
{
    private readonly IDocumentStore documents = writer.Documents;

    /// <summary>Longer than any chain a policy can make (steps × repeats), as a guard against a cycle.</summary>
    public const int MaxChainLength = 500;

    public Task<Versioned<Page>?> FindAsync(WorkspaceId workspaceId, string pageId, CancellationToken cancellationToken) =>
        documents.ReadAsync<Page>(workspaceId, pageId, cancellationToken);

    /// <summary>Creates the page unless it exists, with <paramref name="record"/> (its timeline event) in the same unit.</summary>
    /// <returns>The stored page: the one given if this call created it, or the one that was already there.</returns>
    public async Task<(Versioned<Page> Page, bool IsNew)> CreateOnceAsync(Page page, CancellationToken cancellationToken, TimelineEvent? record = null)
    {
        ArgumentNullException.ThrowIfNull(page);
        var committed = await writer.WriteAsync(page.WorkspaceId, async (attempt, token) =>
        {
            // The first try writes blind (a new page is the usual case); a conflict means it may exist now.
            if (attempt.IsRetry && await attempt.ReadAsync<Page>(page.Id, token) is { } existing)
                return existing;
            attempt.Batch.Create(page);
            if (record is not null)
                attempt.Batch.Upsert(record);
            return null;
        }, cancellationToken);
        return committed.Value is { } found ? (found, false) : (committed.Versioned(page), true);
    }

    /// <summary>
    /// The random token of an incident's chain for a policy: created once, read ever after, so two
    /// starts of the same chain at once agree on its ids (<see cref="PageChainAnchor"/>).
    /// </summary>
    public async Task<string> ChainTokenAsync(WorkspaceId workspaceId, int incidentNumber, string policyId, CancellationToken cancellationToken)
    {
        var id = PageChainAnchor.IdFor(incidentNumber, policyId);
        var committed = await writer.WriteAsync(workspaceId, async (attempt, token) =>
        {
            // After a lost create another start stored it first: the retry reads theirs.
            if (await attempt.ReadAsync<PageChainAnchor>(id, token) is { } existing)
                return existing.Value.Token;
            var anchor = new PageChainAnchor { Id = id, WorkspaceId = workspaceId.Value, Token = Page.NewChainToken(), CreatedAt = clock.GetUtcNow() };
            attempt.Batch.Create(anchor);
            return anchor.Token;
        }, cancellationToken);
        return committed.Value;
    }

    /// <summary>
    /// Replaces the page if nobody changed it since it was read, with <paramref name="record"/> (the
    /// timeline event of the change) in the same unit; <see cref="DocumentConflictException"/> otherwise.
    /// </summary>
    public async Task<Versioned<Page>> ReplaceAsync(Page page, string etag, CancellationToken cancellationToken, TimelineEvent? record = null)
    {
        ArgumentNullException.ThrowIfNull(page);
        var committed = await writer.WriteAsync(page.WorkspaceId, async (attempt, token) =>
        {
            // A retry follows a conflict, on the page or on the incident's next ledger entry: only the latter is worth another try.
            if (attempt.IsRetry && (await attempt.ReadAsync<Page>(page.Id, token))?.ETag != etag)
                throw new DocumentConflictException(page.WorkspaceId, page.Id, alreadyExists: false);
            attempt.Batch.Replace(page, etag);
            if (record is not null)
                attempt.Batch.Upsert(record);
            return true;
        }, cancellationToken);
        return committed.Versioned(page);
    }

    /// <summary>Changes one person's entry on a page, re-reading and re-applying when someone else changed the page first.</summary>
    /// <returns>The page as stored, or null if it is gone.</returns>
    public async Task<Versioned<Page>?> UpdateTargetAsync(
        string workspaceId, string pageId, UserId user, Func<PageTarget, PageTarget> change, CancellationToken cancellationToken)
    {
        var committed = await writer.WriteAsync(workspaceId, (attempt, token) => UpdateTargetAsync(attempt, pageId, user, change, token), cancellationToken);
        return committed.Value is { } page ? committed.Versioned(page) : null;
    }

    /// <summary>One try of <see cref="UpdateTargetAsync(string, string, UserId, Func{PageTarget, PageTarget}, CancellationToken)"/>, inside the caller's unit.</summary>
    /// <returns>The changed page, or null if it is gone.</returns>
    public static async Task<Page?> UpdateTargetAsync(
        WriteAttempt attempt, string pageId, UserId user, Func<PageTarget, PageTarget> change, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(attempt);
        ArgumentNullException.ThrowIfNull(change);
        var stored = await attempt.ReadAsync<Page>(pageId, cancellationToken);
        if (stored is null)
            return null;
        var changed = stored.Value with { Targets = [.. stored.Value.Targets.Select(t => t.User == user ? change(t) : t)] };
        attempt.Batch.Replace(changed, stored.ETag);
        return changed;
    }

    public async IAsyncEnumerable<Page> ListForIncidentAsync(WorkspaceId workspaceId, int incidentNumber, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var query = new DocumentQuery(workspaceId, Page.DocumentType).WhereEquals(Page.Paths.IncidentNumber, incidentNumber).OrderedBy(Page.Paths.CreatedAt);
        await foreach (var found in documents.QueryAsync<Page>(query, cancellationToken))
            yield return found.Value;
    }

    public async IAsyncEnumerable<Page> ListSinceAsync(WorkspaceId workspaceId, DateTimeOffset since, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var query = new DocumentQuery(workspaceId, Page.DocumentType).Where(Page.Paths.CreatedAt, FilterOperator.GreaterThanOrEqual, since);
        await foreach (var found in documents.QueryAsync<Page>(query, cancellationToken))
            yield return found.Value;
    }

    /// <summary>Every page of the chain <paramref name="page"/> belongs to, first to last.</summary>
    public async Task<IReadOnlyList<Page>> ChainAsync(Page page, CancellationToken cancellationToken)
    {
        var chain = new List<Page>();
        var id = page.FirstId;
        while (id is not null && chain.Count < MaxChainLength)
        {
            var found = await FindAsync(page.Workspace(), id, cancellationToken);
            if (found is null)
                break;
            chain.Add(found.Value);
            id = found.Value.NextPageId;
        }
        return chain;
    }
}
