using Microsoft.Extensions.Logging;

namespace IncidentBot.Dialogs.Evidence;

internal static partial class EvidenceLog
{
    [LoggerMessage(Level = LogLevel.Warning, Message = "Evidence package of incident {IncidentNumber} in {WorkspaceId} refused to {UserId}: not a member of the restricted incident")]
    public static partial void EvidenceRefused(this ILogger logger, string workspaceId, int incidentNumber, string userId);

    [LoggerMessage(Level = LogLevel.Information, Message = "Evidence package of incident {IncidentNumber} in {WorkspaceId} sent to {UserId}: {Entries} entries, {Bytes} bytes")]
    public static partial void EvidenceSent(this ILogger logger, string workspaceId, int incidentNumber, string userId, int entries, long bytes);

    [LoggerMessage(Level = LogLevel.Information, Message = "Evidence download link of incident {IncidentNumber} in {WorkspaceId} sent to {UserId}")]
    public static partial void EvidenceLinkSent(this ILogger logger, string workspaceId, int incidentNumber, string userId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Evidence package of incident {IncidentNumber} in {WorkspaceId} not uploaded to {UserId}: {Bytes} bytes, above the chat limit of {LimitBytes}")]
    public static partial void EvidenceTooLargeForChat(this ILogger logger, string workspaceId, int incidentNumber, string userId, long bytes, long limitBytes);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Evidence package of incident {IncidentNumber} in {WorkspaceId} not sent on {Platform}: it takes no files and Evidence:LinkBaseUrl is not set")]
    public static partial void EvidenceLinksOff(this ILogger logger, string workspaceId, int incidentNumber, string platform);
}
