using IncidentBot.Dialogs.Storage;

namespace IncidentBot.Dialogs.Retention;

/// <summary>
/// A kind of expiring document that belongs to incidents (declare receipts; intake reports, if they
/// expire). When a legal hold is placed or released, <see cref="HoldSweepWork"/> rewrites each such
/// document of the incident, and the write path stores it with or without expiry accordingly.
/// Register one per document type with <see cref="ExpiringIncidentDocuments{T}"/>.
/// </summary>
public interface IExpiringIncidentDocuments
{
    IAsyncEnumerable<string> IdsAsync(IDocumentStore documents, string workspaceId, int incidentNumber, CancellationToken cancellationToken);

    /// <summary>Reads the document in the attempt and replaces it unchanged (with its ETag), so the write path sets its expiry.</summary>
    Task RewriteAsync(WriteAttempt attempt, string id, CancellationToken cancellationToken);
}
