using System.Runtime.CompilerServices;
using IncidentBot.Dialogs.Storage;

namespace IncidentBot.Dialogs.Work;

/// <summary>Work items that failed until they were set aside, for the operator's API and the readiness details.</summary>
public static class SetAsideWork
{
    public static async IAsyncEnumerable<WorkItem> ListAsync(
        IDocumentStore documents, string workspaceId, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(documents);
        // Few items ever fail and fewer stay failed; the pending ones are a small set to look through.
        var query = new DocumentQuery(workspaceId, WorkItem.DocumentType).Where(WorkItem.Paths.Attempts, FilterOperator.GreaterThan, 0);
        await foreach (var item in documents.QueryAsync<WorkItem>(query, cancellationToken))
        {
            if (item.Value.IsSetAside)
                yield return item.Value;
        }
    }
}
