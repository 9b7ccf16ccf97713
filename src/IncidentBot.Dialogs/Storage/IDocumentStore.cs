namespace IncidentBot.Dialogs.Storage;

/// <summary>
/// The storage port. The host implements it twice (Azure Cosmos DB and the embedded file)
/// with the same semantics: partition by workspace, ETag on every document, optimistic
/// concurrency on replace, and single-partition queries only.
/// </summary>
public interface IDocumentStore
{
    Task<Versioned<T>?> ReadAsync<T>(string workspaceId, string id, CancellationToken cancellationToken)
        where T : class, IDocument;

    /// <summary>Creates the document; <see cref="DocumentConflictException"/> if the id exists.</summary>
    /// <returns>The new ETag.</returns>
    Task<string> CreateAsync<T>(T document, CancellationToken cancellationToken)
        where T : class, IDocument;

    /// <summary>
    /// Replaces the document if its ETag is still <paramref name="ifMatch"/>;
    /// <see cref="DocumentConflictException"/> if it changed or no longer exists.
    /// </summary>
    /// <returns>The new ETag.</returns>
    Task<string> ReplaceAsync<T>(T document, string ifMatch, CancellationToken cancellationToken)
        where T : class, IDocument;

    /// <summary>Creates or overwrites, for records whose id already makes them idempotent.</summary>
    /// <returns>The new ETag.</returns>
    Task<string> UpsertAsync<T>(T document, CancellationToken cancellationToken)
        where T : class, IDocument;

    /// <summary>Deletes the document (if its ETag matches, when given).</summary>
    /// <returns>False if it was not there; <see cref="DocumentConflictException"/> if the ETag did not match.</returns>
    Task<bool> DeleteAsync(string workspaceId, string id, string? ifMatch, CancellationToken cancellationToken);

    /// <summary>
    /// Stores every write of the batch, or none of them: on the first conflict (an id that exists,
    /// an ETag that changed) nothing is written and <see cref="DocumentConflictException"/> names
    /// the document. A store that loses the answer to a write reads back, by the batch's
    /// <see cref="DocumentBatch.OperationId"/>, whether it was committed, rather than send it again
    /// blindly: a committed batch is reported as committed, never as a conflict with itself.
    /// </summary>
    Task<BatchResult> CommitAsync(DocumentBatch batch, CancellationToken cancellationToken);

    IAsyncEnumerable<Versioned<T>> QueryAsync<T>(DocumentQuery query, CancellationToken cancellationToken)
        where T : class, IDocument;

    Task<int> CountAsync(DocumentQuery query, CancellationToken cancellationToken);

    /// <summary>A cheap round trip, for readiness probes.</summary>
    Task<StoreHealth> CheckHealthAsync(CancellationToken cancellationToken);
}
