using Microsoft.Extensions.Logging;

namespace IncidentBot.Dialogs.Incidents;

internal static partial class IncidentsLog
{
    [LoggerMessage(Level = LogLevel.Warning,
        Message = "A declaration in {WorkspaceId} was not stored within the person's wait; it is kept in the spool while the write goes on")]
    public static partial void DeclareSpooledWhileWriting(this ILogger logger, WorkspaceId workspaceId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "A declaration that was kept in the spool failed to store on its first write; the spool will store it")]
    public static partial void LateDeclareFailed(this ILogger logger, Exception exception);
}
