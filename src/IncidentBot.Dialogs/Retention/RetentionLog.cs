using IncidentBot.Dialogs.Incidents;
using Microsoft.Extensions.Logging;

namespace IncidentBot.Dialogs.Retention;

internal static partial class RetentionLog
{
    [LoggerMessage(Level = LogLevel.Information, Message = "Hold sweep of incident {IncidentNumber} in {WorkspaceId}: {Count} expiring documents rewritten")]
    public static partial void HoldSwept(this ILogger logger, WorkspaceId workspaceId, int incidentNumber, int count);

    [LoggerMessage(Level = LogLevel.Information, Message = "Incident {IncidentNumber} in {WorkspaceId} is on hold: retention purge skipped")]
    public static partial void PurgeHeld(this ILogger logger, WorkspaceId workspaceId, int incidentNumber);

    [LoggerMessage(Level = LogLevel.Information, Message = "Purged incident {IncidentNumber} in {WorkspaceId}: {Reports} reports, channel archived {ChannelArchived}")]
    public static partial void Purged(this ILogger logger, WorkspaceId workspaceId, int incidentNumber, int reports, bool channelArchived);

    [LoggerMessage(Level = LogLevel.Information, Message = "Hold on incident {IncidentNumber} in {WorkspaceId} {Action} by {UserId}")]
    public static partial void HoldChanged(this ILogger logger, WorkspaceId workspaceId, int incidentNumber, string action, string userId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Hold on incident {IncidentNumber} in {WorkspaceId} refused to {UserId}: neither its lead nor an admin")]
    public static partial void HoldRefused(this ILogger logger, WorkspaceId workspaceId, int incidentNumber, string userId);

    [LoggerMessage(Level = LogLevel.Information, Message = "Incident {IncidentNumber} in {WorkspaceId}: {Chunks} attachment chunks of its purged reports deleted")]
    public static partial void AttachmentsPurged(this ILogger logger, string workspaceId, int incidentNumber, int chunks);
}
