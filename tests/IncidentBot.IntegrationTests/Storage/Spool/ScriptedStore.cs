using IncidentBot.Dialogs.Storage;

namespace IncidentBot.IntegrationTests.Storage.Spool;

/// <summary>A real store with a hook before each write, to make an outage or a hang happen at an exact step.</summary>
internal sealed class ScriptedStore(IDocumentStore inner) : IDocumentStore
{
    /// <summary>Runs before create, replace and upsert with the operation's name and the document; may throw or wait.</summary>
    public Func<string, IDocument, CancellationToken, Task>? BeforeWrite { get; set; }

    /// <summary>Runs after a batch was committed, before its answer returns; may throw (an answer lost after the commit).</summary>
    public Func<DocumentBatch, Task>? AfterCommit { get; set; }

    public async Task<string> CreateAsync<T>(T document, CancellationToken cancellationToken)
        where T : class, IDocument
    {
        await Hook("create", document, cancellationToken);
        return await inner.CreateAsync(document, cancellationToken);
    }

    public async Task<string> ReplaceAsync<T>(T document, string ifMatch, CancellationToken cancellationToken)
        where T : class, IDocument
    {
        await Hook("replace", document, cancellationToken);
        return await inner.ReplaceAsync(document, ifMatch, cancellationToken);
    }

    public async Task<string> UpsertAsync<T>(T document, CancellationToken cancellationToken)
        where T : class, IDocument
    {
        await Hook("upsert", document, cancellationToken);
        return await inner.UpsertAsync(document, cancellationToken);
    }

    public async Task<BatchResult> CommitAsync(DocumentBatch batch, CancellationToken cancellationToken)
    {
        foreach (var operation in batch.Operations)
        {
            if (operation.Document is { } document)
                await Hook(operation.Kind.ToString().ToLowerInvariant(), document, cancellationToken);
        }
        var result = await inner.CommitAsync(batch, cancellationToken);
        if (AfterCommit is { } after)
            await after(batch);
        return result;
    }

    public Task<Versioned<T>?> ReadAsync<T>(string workspaceId, string id, CancellationToken cancellationToken)
        where T : class, IDocument => inner.ReadAsync<T>(workspaceId, id, cancellationToken);

    public Task<bool> DeleteAsync(string workspaceId, string id, string? ifMatch, CancellationToken cancellationToken) =>
        inner.DeleteAsync(workspaceId, id, ifMatch, cancellationToken);

    public IAsyncEnumerable<Versioned<T>> QueryAsync<T>(DocumentQuery query, CancellationToken cancellationToken)
        where T : class, IDocument => inner.QueryAsync<T>(query, cancellationToken);

    public Task<int> CountAsync(DocumentQuery query, CancellationToken cancellationToken) => inner.CountAsync(query, cancellationToken);

    public Task<StoreHealth> CheckHealthAsync(CancellationToken cancellationToken) => inner.CheckHealthAsync(cancellationToken);

    private Task Hook(string operation, IDocument document, CancellationToken cancellationToken) =>
        BeforeWrite?.Invoke(operation, document, cancellationToken) ?? Task.CompletedTask;
}
