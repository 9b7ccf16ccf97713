using IncidentBot.Dialogs.Incidents;

namespace IncidentBot.Dialogs.Storage;

/// <summary>
/// The store by typed workspace. Documents and the store's port keep the partition key as the plain
/// string they store; the typed <see cref="WorkspaceId"/> becomes that string here and nowhere else.
/// </summary>
public static class WorkspaceDocuments
{
    /// <summary>The workspace a stored document belongs to, as the typed id.</summary>
    public static WorkspaceId Workspace(this IDocument document)
    {
        ArgumentNullException.ThrowIfNull(document);
        return new WorkspaceId(document.WorkspaceId);
    }

    public static Task<Versioned<T>?> ReadAsync<T>(this IDocumentStore documents, WorkspaceId workspace, string id, CancellationToken cancellationToken)
        where T : class, IDocument
    {
        ArgumentNullException.ThrowIfNull(documents);
        return documents.ReadAsync<T>(workspace.Value, id, cancellationToken);
    }

    public static Task<bool> DeleteAsync(this IDocumentStore documents, WorkspaceId workspace, string id, string? ifMatch, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(documents);
        return documents.DeleteAsync(workspace.Value, id, ifMatch, cancellationToken);
    }
}
