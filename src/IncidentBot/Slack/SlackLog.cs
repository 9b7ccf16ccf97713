namespace IncidentBot.Slack;

internal static partial class SlackLog
{
    [LoggerMessage(Level = LogLevel.Information, Message = "Channel name taken on attempt {Attempt}; trying the next suffix")]
    public static partial void ChannelNameTaken(this ILogger logger, int attempt);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Every channel name was taken after {Attempts} attempts")]
    public static partial void ChannelNamesExhausted(this ILogger logger, int attempts);

    [LoggerMessage(Level = LogLevel.Information, Message = "Created Slack channel {ChannelId} (private: {IsPrivate})")]
    public static partial void ChannelCreated(this ILogger logger, string channelId, bool isPrivate);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Invited {UserCount} users to {ChannelId}")]
    public static partial void Invited(this ILogger logger, int userCount, string channelId);
}
