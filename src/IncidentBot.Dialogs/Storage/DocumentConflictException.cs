namespace IncidentBot.Dialogs.Storage;

/// <summary>
/// The write lost a race: the document changed since it was read (HTTP 412), or a document
/// with that id already exists (HTTP 409). Callers re-read and re-apply, or give up.
/// </summary>
public sealed class DocumentConflictException(string workspaceId, string id, bool alreadyExists)
    : Exception($"Document {id} in workspace {workspaceId} " + (alreadyExists ? "already exists." : "changed since it was read."))
{
    public string WorkspaceId { get; } = workspaceId;

    public string DocumentId { get; } = id;

    /// <summary>True for a create that met an existing id; false for an ETag mismatch.</summary>
    public bool AlreadyExists { get; } = alreadyExists;
}
