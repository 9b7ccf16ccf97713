using IncidentBot.Dialogs.Incidents;
using IncidentBot.Dialogs.Platform;
using Microsoft.Extensions.Logging;

namespace IncidentBot.Dialogs.Trends;

internal static partial class TrendsLog
{
    [LoggerMessage(Level = LogLevel.Information, Message = "Shared a trend chart in workspace {WorkspaceId} on {Platform} ({Bytes} bytes)")]
    public static partial void ChartShared(this ILogger logger, WorkspaceId workspaceId, PlatformId platform, int bytes);

    [LoggerMessage(Level = LogLevel.Information, Message = "The {Platform} platform takes no files; posted the chart of workspace {WorkspaceId} as text")]
    public static partial void ChartNotSupported(this ILogger logger, WorkspaceId workspaceId, PlatformId platform);

    [LoggerMessage(Level = LogLevel.Warning, Message = "No announcement channel on {Platform}: the weekly digest of workspace {WorkspaceId} was not posted")]
    public static partial void DigestWithoutChannel(this ILogger logger, WorkspaceId workspaceId, PlatformId platform);

    [LoggerMessage(Level = LogLevel.Information, Message = "Posted the weekly digest of workspace {WorkspaceId} for {Slot}")]
    public static partial void DigestPosted(this ILogger logger, WorkspaceId workspaceId, string slot);
}
