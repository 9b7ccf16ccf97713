namespace IncidentBot.Dialogs.Storage;

/// <summary>One try of a <see cref="DocumentWriter"/> unit: its reads and the batch of its writes.</summary>
public sealed class WriteAttempt
{
    private readonly IDocumentStore _documents;
    private List<Func<CancellationToken, Task>>? _afterCommit;

    internal WriteAttempt(IDocumentStore documents, string workspaceId, int number)
    {
        _documents = documents;
        Number = number;
        Batch = new DocumentBatch(workspaceId);
    }

    /// <summary>1 for the first try; later tries follow a conflict, so what the caller knew before is stale.</summary>
    public int Number { get; }

    public bool IsRetry => Number > 1;

    public DocumentBatch Batch { get; private set; }

    public string WorkspaceId => Batch.WorkspaceId;

    /// <summary>The store the attempt reads from, for a query (a read that names no id).</summary>
    internal IDocumentStore Documents => _documents;

    public Task<Versioned<T>?> ReadAsync<T>(string id, CancellationToken cancellationToken)
        where T : class, IDocument =>
        _documents.ReadAsync<T>(WorkspaceId, id, cancellationToken);

    /// <summary>On the first try, the copy the caller already holds; on a retry, a fresh read.</summary>
    public async Task<Versioned<T>?> ReadAsync<T>(string id, Versioned<T>? known, CancellationToken cancellationToken)
        where T : class, IDocument =>
        !IsRetry && known is not null ? known : await ReadAsync<T>(id, cancellationToken);

    /// <summary>Runs once the unit is committed (scheduling the jobs of the work it stored), never for a discarded attempt.</summary>
    public void AfterCommit(Func<CancellationToken, Task> action)
    {
        ArgumentNullException.ThrowIfNull(action);
        (_afterCommit ??= []).Add(action);
    }

    internal async Task RunAfterCommitAsync(CancellationToken cancellationToken)
    {
        if (_afterCommit is null)
            return;
        foreach (var action in _afterCommit)
            await action(cancellationToken);
    }

    internal void Adopt(DocumentBatch batch)
    {
        if (!string.Equals(batch.WorkspaceId, WorkspaceId, StringComparison.Ordinal))
            throw new ArgumentException("The batch belongs to another workspace.", nameof(batch));
        Batch = batch;
    }
}
