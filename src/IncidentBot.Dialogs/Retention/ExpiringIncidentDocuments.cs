using System.Runtime.CompilerServices;
using IncidentBot.Dialogs.Storage;

namespace IncidentBot.Dialogs.Retention;

/// <summary>The expiring documents of one type that name their incident's number at <c>incidentNumberPath</c>.</summary>
public sealed class ExpiringIncidentDocuments<T>(string documentType, DocumentPath incidentNumberPath) : IExpiringIncidentDocuments
    where T : class, IExpiringDocument
{
    public async IAsyncEnumerable<string> IdsAsync(
        IDocumentStore documents, string workspaceId, int incidentNumber, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(documents);
        var query = new DocumentQuery(workspaceId, documentType).WhereEquals(incidentNumberPath, incidentNumber);
        await foreach (var found in documents.QueryAsync<T>(query, cancellationToken))
            yield return found.Value.Id;
    }

    public async Task RewriteAsync(WriteAttempt attempt, string id, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(attempt);
        if (await attempt.ReadAsync<T>(id, cancellationToken) is { } found)
            attempt.Batch.Replace(found.Value, found.ETag);
    }
}
