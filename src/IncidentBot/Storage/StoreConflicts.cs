using IncidentBot.Dialogs.Storage;

namespace IncidentBot.Storage;

/// <summary>How both stores report a write that lost a race: one log line, one exception.</summary>
internal static class StoreConflicts
{
    /// <param name="alreadyExists">A create met the id (409), rather than a changed or missing ETag (412).</param>
    public static DocumentConflictException Conflict(this ILogger logger, string operation, string workspaceId, string id, bool alreadyExists)
    {
        logger.WriteConflict(operation, id, workspaceId, alreadyExists);
        return new DocumentConflictException(workspaceId, id, alreadyExists);
    }
}
