namespace IncidentBot.Teams;

/// <summary>Teams log lines: ids only (tenant, conversation hash, activity type), never text, names or tokens.</summary>
internal static partial class TeamsLog
{
    [LoggerMessage(EventId = 7001, Level = LogLevel.Warning, Message = "Refused a Teams request: {Reason}")]
    public static partial void Refused(this ILogger logger, string reason);

    [LoggerMessage(EventId = 7016, Level = LogLevel.Error, Message = "Could not authenticate a Teams request: the Bot Framework's signing keys or configuration are unavailable; answered 503 so the Bot Connector retries")]
    public static partial void AuthenticationUnavailable(this ILogger logger, Exception exception);

    [LoggerMessage(EventId = 7017, Level = LogLevel.Warning, Message = "Could not tell the person that their Teams turn failed (reference {Reference})")]
    public static partial void FailureReplyNotSent(this ILogger logger, Exception exception, string reference);

    [LoggerMessage(EventId = 7002, Level = LogLevel.Warning, Message = "Malformed Teams activity: {Problem}")]
    public static partial void Malformed(this ILogger logger, string problem);

    [LoggerMessage(EventId = 7003, Level = LogLevel.Warning, Message = "Teams request to /api/messages while Teams is not configured: {Missing}")]
    public static partial void NotConfigured(this ILogger logger, string missing);

    [LoggerMessage(EventId = 7004, Level = LogLevel.Information, Message = "Teams {ActivityType} in {WorkspaceId} from {UserId}: {What}")]
    public static partial void Received(this ILogger logger, string activityType, string workspaceId, string userId, string what);

    [LoggerMessage(EventId = 7005, Level = LogLevel.Information, Message = "Ignored repeated Teams activity in {WorkspaceId}")]
    public static partial void Repeated(this ILogger logger, string workspaceId);

    [LoggerMessage(EventId = 7006, Level = LogLevel.Error, Message = "Teams {ActivityType} turn failed in {WorkspaceId}; reference {Reference}")]
    public static partial void TurnFailed(this ILogger logger, Exception exception, string activityType, string workspaceId, string reference);

    [LoggerMessage(EventId = 7007, Level = LogLevel.Warning,
        Message = "Teams is on for tenant {TenantId} without an app id (local mode): only requests from this machine (loopback address, no forwarding headers, no Authorization header) naming a loopback Bot Connector are served")]
    public static partial void LocalMode(this ILogger logger, string tenantId);

    [LoggerMessage(EventId = 7008, Level = LogLevel.Warning, Message = "Teams is not configured: {Missing}")]
    public static partial void TeamsDisabled(this ILogger logger, string missing);

    [LoggerMessage(EventId = 7009, Level = LogLevel.Information, Message = "Started Teams thread {ThreadHash} in {WorkspaceId}")]
    public static partial void ThreadStarted(this ILogger logger, string threadHash, string workspaceId);

    [LoggerMessage(EventId = 7010, Level = LogLevel.Warning, Message = "Cannot reach {UserId} in a personal chat in {WorkspaceId} ({Reason}); using the fallback")]
    public static partial void PersonUnreachable(this ILogger logger, string userId, string workspaceId, string reason);

    [LoggerMessage(EventId = 7011, Level = LogLevel.Information, Message = "Opened a personal chat with {UserId} in {WorkspaceId}")]
    public static partial void PersonalChatCreated(this ILogger logger, string userId, string workspaceId);

    [LoggerMessage(EventId = 7012, Level = LogLevel.Warning, Message = "Could not resolve a mentioned Teams user in {WorkspaceId} ({Reason})")]
    public static partial void MentionUnresolved(this ILogger logger, string workspaceId, string reason);

    [LoggerMessage(EventId = 7014, Level = LogLevel.Warning, Message = "Restricted room {RoomHash} in {WorkspaceId}: copy to {UserId} not sent ({Reason})")]
    public static partial void RoomCopyFailed(this ILogger logger, string roomHash, string workspaceId, string userId, string reason);

    [LoggerMessage(EventId = 7030, Level = LogLevel.Warning, Message = "The Bot Connector refused a new thread in the incidents channel of {WorkspaceId}: {Reason} (HTTP {Status}); check Teams:IncidentsChannelId and that the app is in its team")]
    public static partial void ThreadRefused(this ILogger logger, string workspaceId, string reason, int status);

    [LoggerMessage(EventId = 7015, Level = LogLevel.Information, Message = "Teams card action {Verb} in {WorkspaceId} from {UserId}")]
    public static partial void CardAction(this ILogger logger, string verb, string workspaceId, string userId);

    [LoggerMessage(EventId = 7101, Level = LogLevel.Information,
        Message = "Teams is on for tenant {TenantId} with app id {AppId}: every request must carry a Bot Framework token")]
    public static partial void AuthenticatedMode(this ILogger logger, string tenantId, string appId);

    [LoggerMessage(EventId = 7102, Level = LogLevel.Information,
        Message = "Teams uses the Development defaults for Microsoft 365 Agents Playground: tenant {TenantId}, incidents channel {IncidentsChannelId}, announcements {AnnouncementChannelId}, connector {ServiceUrl}")]
    public static partial void DevelopmentDefaults(this ILogger logger, string tenantId, string incidentsChannelId, string announcementChannelId, string serviceUrl);

    [LoggerMessage(EventId = 7103, Level = LogLevel.Warning, Message = "Roster of {ConversationHash} in {WorkspaceId} has more than {Limit} members (Teams:MaxRosterMembers): people beyond it are found only once they write to the bot")]
    public static partial void RosterTruncated(this ILogger logger, string conversationHash, string workspaceId, int limit);

    [LoggerMessage(EventId = 7104, Level = LogLevel.Warning, Message = "Refused Teams card action {Verb} in {WorkspaceId} from {UserId}: {Reason}")]
    public static partial void CardActionRefused(this ILogger logger, string verb, string workspaceId, string userId, string reason);
}
