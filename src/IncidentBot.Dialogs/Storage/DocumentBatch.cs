namespace IncidentBot.Dialogs.Storage;

/// <summary>
/// Writes to one workspace's partition that are stored together or not at all: one SQLite
/// transaction, one Cosmos DB transactional batch. A command's delivery claim, the incident, its
/// timeline event and the work it asks for go in one batch, so half a command is never stored.
/// Each batch carries an <see cref="OperationId"/> so that a store whose answer was lost can read
/// back whether the batch was committed instead of sending it blindly again.
/// </summary>
public sealed class DocumentBatch(string workspaceId)
{
    /// <summary>Cosmos DB's limit for one transactional batch.</summary>
    public const int MaxOperations = 100;

    private readonly List<DocumentOperation> _operations = [];
    private Action<BatchResult>? _whenOrdered;

    public string WorkspaceId { get; } = string.IsNullOrEmpty(workspaceId)
        ? throw new ArgumentException("A batch belongs to a workspace.", nameof(workspaceId))
        : workspaceId;

    /// <summary>Unique to this batch; stores that can lose an answer stamp it on what they write.</summary>
    public string OperationId { get; } = UniqueIds.NextHex();

    public IReadOnlyList<DocumentOperation> Operations => _operations;

    public bool IsEmpty => _operations.Count == 0;

    public int Count => _operations.Count;

    /// <summary>Fails the batch with <see cref="DocumentConflictException"/> if the id exists.</summary>
    /// <param name="isFinal">A conflict on this document means the whole unit was done before (a delivery claim): do not retry it.</param>
    public DocumentBatch Create(IDocument document, bool isFinal = false) =>
        Add(new DocumentOperation(DocumentOperationKind.Create, Check(document).Id, document, null, isFinal));

    /// <summary>Fails the batch if the document changed since <paramref name="ifMatch"/> or is gone.</summary>
    /// <param name="isFinal">A conflict on this document means the caller must decide again with fresh reads of its own: do not retry the unit as it is.</param>
    public DocumentBatch Replace(IDocument document, string ifMatch, bool isFinal = false)
    {
        ArgumentException.ThrowIfNullOrEmpty(ifMatch);
        return Add(new DocumentOperation(DocumentOperationKind.Replace, Check(document).Id, document, ifMatch, isFinal));
    }

    /// <summary>Creates the document, or replaces it when <paramref name="ifMatch"/> (its ETag as read) is given.</summary>
    public DocumentBatch Save(IDocument document, string? ifMatch) =>
        ifMatch is null ? Create(document) : Replace(document, ifMatch);

    public DocumentBatch Upsert(IDocument document) =>
        Add(new DocumentOperation(DocumentOperationKind.Upsert, Check(document).Id, document, null, IsFinal: false));

    /// <summary>Deletes the document; with <paramref name="ifMatch"/> only if unchanged (else the batch fails). A missing document is no failure without it.</summary>
    public DocumentBatch Delete(string id, string? ifMatch = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(id);
        return Add(new DocumentOperation(DocumentOperationKind.Delete, id, null, ifMatch, IsFinal: false));
    }

    /// <summary>Stores the expiring document this batch writes under <paramref name="id"/> without expiry (a legal hold).</summary>
    public void KeepForever(string id)
    {
        var index = _operations.FindIndex(o => o.Id == id);
        if (index < 0 || _operations[index].Document is not IExpiringDocument)
            throw new ArgumentException($"The batch writes no expiring document {id}.", nameof(id));
        _operations[index] = _operations[index] with { KeepForever = true };
    }

    public bool Contains(string id) => _operations.Exists(o => o.Id == id);

    /// <summary>The operation writing <paramref name="id"/>, if any.</summary>
    public DocumentOperation? Find(string id) => _operations.Find(o => o.Id == id);

    /// <summary>
    /// Runs <paramref name="action"/> once a store that writes its commits one at a time, in the order they were handed
    /// over (the embedded file; urgent ones before background ones), has given this batch its place in that order and
    /// fixed its ETags, before it is written. A batch handed over after that point is checked against this one's writes
    /// as if they were stored: if this one then fails, or an urgent batch overtakes a background one, the later one meets
    /// a conflict and is decided again. So a caller that lets others in one at a time can let the next one in here rather
    /// than after the commit. A store without such an order (Cosmos DB) never calls it.
    /// </summary>
    public void WhenOrdered(Action<BatchResult> action) => _whenOrdered += action;

    /// <summary>For a store: the batch has its place in the store's order, with the ETags it will have once written.</summary>
    public void Ordered(BatchResult etags) => _whenOrdered?.Invoke(etags);

    /// <summary>True when a conflict on <paramref name="id"/> says the unit must not be retried.</summary>
    public bool IsFinal(string id) => _operations.Exists(o => o.Id == id && o.IsFinal);

    private IDocument Check(IDocument document)
    {
        ArgumentNullException.ThrowIfNull(document);
        if (!string.Equals(document.WorkspaceId, WorkspaceId, StringComparison.Ordinal))
            throw new ArgumentException($"Document {document.Id} belongs to workspace {document.WorkspaceId}, the batch to {WorkspaceId}.", nameof(document));
        return document;
    }

    private DocumentBatch Add(DocumentOperation operation)
    {
        if (Contains(operation.Id))
            throw new ArgumentException($"Document {operation.Id} is written twice in one batch.", nameof(operation));
        if (_operations.Count == MaxOperations)
            throw new InvalidOperationException($"A batch holds at most {MaxOperations} operations.");
        _operations.Add(operation);
        return this;
    }
}
