namespace IncidentBot.Trends;

internal static partial class TrendsHostLog
{
    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not put the weekly digest timers in place; trying again within the hour")]
    public static partial void DigestTimersNotScheduled(this ILogger logger, Exception exception);
}
