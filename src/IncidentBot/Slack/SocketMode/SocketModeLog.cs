namespace IncidentBot.Slack.SocketMode;

internal static partial class SocketModeLog
{
    [LoggerMessage(Level = LogLevel.Information, Message = "Socket Mode connection {Slot} open ({NumConnections} open for the app)")]
    public static partial void SocketModeOpen(this ILogger logger, int slot, int numConnections);

    [LoggerMessage(Level = LogLevel.Information, Message = "Slack asked Socket Mode connection {Slot} to disconnect ({Reason}); opening its replacement")]
    public static partial void SocketModeDisconnectRequested(this ILogger logger, int slot, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Socket Mode connection {Slot} was closed; reconnecting")]
    public static partial void SocketModeLost(this ILogger logger, int slot);

    [LoggerMessage(Level = LogLevel.Information, Message = "Slack closed Socket Mode connection {Slot}: {Description}")]
    public static partial void SocketModeClosedBySlack(this ILogger logger, int slot, string description);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Socket Mode connection {Slot} dropped")]
    public static partial void SocketModeDropped(this ILogger logger, Exception exception, int slot);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not open Socket Mode connection {Slot} (failure {Failures})")]
    public static partial void SocketModeConnectFailed(this ILogger logger, Exception exception, int slot, int failures);

    [LoggerMessage(Level = LogLevel.Information, Message = "Socket Mode connection {Slot} reconnects in {DelaySeconds} s")]
    public static partial void SocketModeBackingOff(this ILogger logger, int slot, double delaySeconds);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Socket Mode connection {Slot} sent a frame that is not JSON; ignored")]
    public static partial void SocketModeUnreadable(this ILogger logger, int slot);

    [LoggerMessage(Level = LogLevel.Error, Message = "Socket Mode envelope {EnvelopeId} ({Type}) failed")]
    public static partial void SocketModeEnvelopeFailed(this ILogger logger, Exception exception, string envelopeId, string type);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Socket Mode envelope {EnvelopeId} ({Type}) left unacknowledged so that Slack delivers it again")]
    public static partial void SocketModeEnvelopeNotAcknowledged(this ILogger logger, string envelopeId, string type);
}
