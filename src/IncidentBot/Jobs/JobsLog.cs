namespace IncidentBot.Jobs;

internal static partial class JobsLog
{
    [LoggerMessage(Level = LogLevel.Warning, Message = "Start-up reconciliation failed; the periodic sweep will retry")]
    public static partial void StartupReconcileFailed(this ILogger logger, Exception exception);

    [LoggerMessage(Level = LogLevel.Information, Message = "Background jobs: Hangfire with {Storage} storage, scheduler polling every {Seconds} s, {Workers} workers")]
    public static partial void Configured(this ILogger logger, JobStorageKind storage, int seconds, int workers);
}
