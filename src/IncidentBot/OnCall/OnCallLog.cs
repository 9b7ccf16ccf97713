namespace IncidentBot.OnCall;

internal static partial class OnCallLog
{
    [LoggerMessage(Level = LogLevel.Information, Message = "Paging is not configured (OnCall:ConfigPath is empty): nobody is paged")]
    public static partial void NotConfigured(this ILogger logger);

    [LoggerMessage(Level = LogLevel.Information, Message = "On-call file loaded: {Teams} teams, {Rotations} rotations, {Policies} policies, {Rules} routing rules")]
    public static partial void Loaded(this ILogger logger, int teams, int rotations, int policies, int rules);

    [LoggerMessage(Level = LogLevel.Information, Message = "On-call file reloaded: {Teams} teams, {Rotations} rotations, {Policies} policies, {Rules} routing rules")]
    public static partial void Reloaded(this ILogger logger, int teams, int rotations, int policies, int rules);

    /// <remarks>Messages of the reader never hold e-mail addresses, so they may be logged.</remarks>
    [LoggerMessage(Level = LogLevel.Error, Message = "On-call file changed but is invalid at {Line}:{Column}: {Problem}; keeping the last good version")]
    public static partial void ReloadRejected(this ILogger logger, int line, int column, string problem);

    [LoggerMessage(Level = LogLevel.Error, Message = "On-call file changed but cannot be read ({Error}); keeping the last good version")]
    public static partial void ReloadUnreadable(this ILogger logger, string error);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not set up handoff timers after a reload; the next reload or restart retries")]
    public static partial void HandoffsNotScheduled(this ILogger logger, Exception exception);
}
