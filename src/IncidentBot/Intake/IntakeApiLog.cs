namespace IncidentBot.Intake;

internal static partial class IntakeApiLog
{
    [LoggerMessage(Level = LogLevel.Warning, Message = "Intake request to {Path} refused: {Reason}")]
    public static partial void Refused(this ILogger logger, string path, string reason);

    [LoggerMessage(Level = LogLevel.Information, Message = "Intake from {Source}: {Count} reports or fields refused as invalid")]
    public static partial void BadReport(this ILogger logger, string source, int count);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Intake could not store a report: the store is unavailable")]
    public static partial void StoreUnavailable(this ILogger logger, Exception exception);

    [LoggerMessage(Level = LogLevel.Information, Message = "Partner message {MessageId} in intake channel {ChannelId} of {WorkspaceId} recorded as report {ReportId}")]
    public static partial void ChatReport(this ILogger logger, string messageId, string channelId, string workspaceId, string reportId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Partner message {MessageId} in intake channel {ChannelId} of {WorkspaceId} was not recorded: {Reason}")]
    public static partial void ChatReportRefused(this ILogger logger, string messageId, string channelId, string workspaceId, string reason);
}
