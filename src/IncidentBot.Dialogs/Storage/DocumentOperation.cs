namespace IncidentBot.Dialogs.Storage;

/// <summary>One write of a <see cref="DocumentBatch"/>.</summary>
/// <param name="Document">The document to write; null for a delete.</param>
/// <param name="IfMatch">The ETag the document must still have.</param>
/// <param name="IsFinal">A conflict on it means the unit was already done: the caller must not retry.</param>
public sealed record DocumentOperation(DocumentOperationKind Kind, string Id, IDocument? Document, string? IfMatch, bool IsFinal)
{
    /// <summary>
    /// For an <see cref="IExpiringDocument"/>: store it without expiry (Cosmos DB <c>ttl: -1</c>),
    /// whatever its own time to live, because its incident is under a legal hold.
    /// </summary>
    public bool KeepForever { get; init; }
}
