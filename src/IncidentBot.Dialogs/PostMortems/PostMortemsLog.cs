using IncidentBot.Dialogs.Incidents;
using IncidentBot.Dialogs.Platform;
using Microsoft.Extensions.Logging;

namespace IncidentBot.Dialogs.PostMortems;

internal static partial class PostMortemsLog
{
    [LoggerMessage(Level = LogLevel.Information, Message = "Post-mortem of incident {IncidentNumber} in {WorkspaceId} is due")]
    public static partial void PostMortemDue(this ILogger logger, int incidentNumber, WorkspaceId workspaceId);

    [LoggerMessage(Level = LogLevel.Information, Message = "Uploaded the post-mortem draft of incident {IncidentNumber} in {WorkspaceId} as file {FileId}")]
    public static partial void DraftUploaded(this ILogger logger, int incidentNumber, WorkspaceId workspaceId, string fileId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Platform {Platform} cannot share files; posted a pointer to the draft of incident {IncidentNumber} in {WorkspaceId} instead")]
    public static partial void UploadUnsupported(this ILogger logger, PlatformId platform, int incidentNumber, WorkspaceId workspaceId);
}
