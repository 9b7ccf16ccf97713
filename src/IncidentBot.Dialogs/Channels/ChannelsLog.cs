using IncidentBot.Dialogs.Incidents;
using Microsoft.Extensions.Logging;

namespace IncidentBot.Dialogs.Channels;

internal static partial class ChannelsLog
{
    [LoggerMessage(Level = LogLevel.Information, Message = "Created channel {ChannelId} for incident {IncidentNumber} in {WorkspaceId}")]
    public static partial void ChannelCreated(this ILogger logger, string channelId, int incidentNumber, WorkspaceId workspaceId);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Another run is bringing the chat of incident {IncidentNumber} in {WorkspaceId} in line; looking again shortly")]
    public static partial void SyncInProgress(this ILogger logger, int incidentNumber, WorkspaceId workspaceId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The platform refused to create the channel of incident {IncidentNumber} in {WorkspaceId} ({Reason}); not retrying, telling the declarer and the announcement channel")]
    public static partial void ChannelRefused(this ILogger logger, int incidentNumber, WorkspaceId workspaceId, string reason);

    [LoggerMessage(Level = LogLevel.Debug, Message = "The channel of incident {IncidentNumber} in {WorkspaceId} was refused at {RefusedAt}; not trying again before {RetryAt}")]
    public static partial void ChannelStillRefused(this ILogger logger, int incidentNumber, WorkspaceId workspaceId, DateTimeOffset refusedAt, DateTimeOffset retryAt);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Synchronised incident {IncidentNumber} in {WorkspaceId}: {Actions} chat actions")]
    public static partial void Synchronised(this ILogger logger, int incidentNumber, WorkspaceId workspaceId, int actions);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not invite {UserId} to the channel of incident {IncidentNumber} in {WorkspaceId}")]
    public static partial void InviteRefused(this ILogger logger, string userId, int incidentNumber, WorkspaceId workspaceId);
}
