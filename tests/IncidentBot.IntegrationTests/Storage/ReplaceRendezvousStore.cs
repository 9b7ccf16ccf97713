using IncidentBot.Dialogs.Storage;

namespace IncidentBot.IntegrationTests.Storage;

/// <summary>
/// Holds the first <c>parties</c> replaces until all of them have arrived, so that every one
/// of them has read the same version first: the race an ETag exists for, made certain.
/// </summary>
internal sealed class ReplaceRendezvousStore(IDocumentStore inner, int parties) : IDocumentStore
{
    private readonly TaskCompletionSource _allArrived = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int _arrived;

    public async Task<string> ReplaceAsync<T>(T document, string ifMatch, CancellationToken cancellationToken)
        where T : class, IDocument
    {
        await RendezvousAsync(cancellationToken);
        return await inner.ReplaceAsync(document, ifMatch, cancellationToken);
    }

    /// <summary>A batch that replaces something counts as a replace.</summary>
    public async Task<BatchResult> CommitAsync(DocumentBatch batch, CancellationToken cancellationToken)
    {
        if (batch.Operations.Any(o => o.Kind == DocumentOperationKind.Replace))
            await RendezvousAsync(cancellationToken);
        return await inner.CommitAsync(batch, cancellationToken);
    }

    private async Task RendezvousAsync(CancellationToken cancellationToken)
    {
        var arrival = Interlocked.Increment(ref _arrived);
        if (arrival == parties)
            _allArrived.TrySetResult();
        if (arrival <= parties)
            await _allArrived.Task.WaitAsync(cancellationToken);
    }

    public Task<Versioned<T>?> ReadAsync<T>(string workspaceId, string id, CancellationToken cancellationToken)
        where T : class, IDocument => inner.ReadAsync<T>(workspaceId, id, cancellationToken);

    public Task<string> CreateAsync<T>(T document, CancellationToken cancellationToken)
        where T : class, IDocument => inner.CreateAsync(document, cancellationToken);

    public Task<string> UpsertAsync<T>(T document, CancellationToken cancellationToken)
        where T : class, IDocument => inner.UpsertAsync(document, cancellationToken);

    public Task<bool> DeleteAsync(string workspaceId, string id, string? ifMatch, CancellationToken cancellationToken) =>
        inner.DeleteAsync(workspaceId, id, ifMatch, cancellationToken);

    public IAsyncEnumerable<Versioned<T>> QueryAsync<T>(DocumentQuery query, CancellationToken cancellationToken)
        where T : class, IDocument => inner.QueryAsync<T>(query, cancellationToken);

    public Task<int> CountAsync(DocumentQuery query, CancellationToken cancellationToken) =>
        inner.CountAsync(query, cancellationToken);

    public Task<StoreHealth> CheckHealthAsync(CancellationToken cancellationToken) =>
        inner.CheckHealthAsync(cancellationToken);
}
