namespace IncidentBot.Dialogs.Storage;

/// <summary>What a committed <see cref="DocumentBatch"/> left: the new ETag of every document it wrote.</summary>
public sealed class BatchResult(IReadOnlyDictionary<string, string?> etags)
{
    public static BatchResult Empty { get; } = new(new Dictionary<string, string?>());

    /// <summary>The document's new ETag; null for a deleted document.</summary>
    public string? ETagOf(string id) =>
        etags.TryGetValue(id, out var etag) ? etag : throw new KeyNotFoundException($"Document {id} was not in the batch.");

    /// <summary>The written document with its new ETag.</summary>
    public Versioned<T> Versioned<T>(T document)
        where T : class, IDocument =>
        new(document, ETagOf(document.Id) ?? throw new InvalidOperationException($"Document {document.Id} was deleted, not written."));
}
