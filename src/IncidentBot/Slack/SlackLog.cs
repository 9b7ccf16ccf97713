using Microsoft.Extensions.Logging;

namespace IncidentBot.Slack;

internal static partial class SlackLog
{
    [LoggerMessage(Level = LogLevel.Warning, Message = "Rejected Slack request to {Path}: {Reason}")]
    public static partial void Rejected(this ILogger logger, string path, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Slack request to {Path} is not configured: {Missing}")]
    public static partial void NotConfigured(this ILogger logger, string path, string missing);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Malformed Slack {Kind} request in {WorkspaceId}: {Problem}")]
    public static partial void Malformed(this ILogger logger, string kind, string workspaceId, string problem);

    [LoggerMessage(Level = LogLevel.Information, Message = "Slack {Kind} from {UserId} in {WorkspaceId}: {Command}")]
    public static partial void Received(this ILogger logger, string kind, string userId, string workspaceId, string command);

    [LoggerMessage(Level = LogLevel.Information, Message = "Ignored repeated Slack delivery {DeliveryKind} in {WorkspaceId} (retry {RetryNum})")]
    public static partial void Repeated(this ILogger logger, string deliveryKind, string workspaceId, string retryNum);

    [LoggerMessage(Level = LogLevel.Error, Message = "Slack {Kind} failed in {WorkspaceId}; reference {Reference}")]
    public static partial void Failed(this ILogger logger, Exception exception, string kind, string workspaceId, string reference);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not check {Kind} in {WorkspaceId} for a replay (store unavailable); handling it as new")]
    public static partial void ReplayCheckSkipped(this ILogger logger, string kind, string workspaceId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Slack rate-limited event deliveries for {WorkspaceId} (minute {MinuteRateLimited})")]
    public static partial void EventsRateLimited(this ILogger logger, string workspaceId, long minuteRateLimited);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not open the declare form in {WorkspaceId}: {Error}")]
    public static partial void FormNotOpened(this ILogger logger, string workspaceId, string error);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Slack is not configured: {Missing}")]
    public static partial void SlackDisabled(this ILogger logger, string missing);

    [LoggerMessage(Level = LogLevel.Information, Message = "Channel name taken on attempt {Attempt}; trying the next suffix")]
    public static partial void ChannelNameTaken(this ILogger logger, int attempt);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Every channel name was taken after {Attempts} attempts")]
    public static partial void ChannelNamesExhausted(this ILogger logger, int attempts);

    [LoggerMessage(Level = LogLevel.Information, Message = "Created Slack channel {ChannelId} (private: {IsPrivate})")]
    public static partial void ChannelCreated(this ILogger logger, string channelId, bool isPrivate);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Invited {UserCount} users to {ChannelId}")]
    public static partial void Invited(this ILogger logger, int userCount, string channelId);
}
