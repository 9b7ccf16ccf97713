namespace IncidentBot.Jobs;

internal static partial class JobsLog
{
    [LoggerMessage(Level = LogLevel.Warning, Message = "Start-up reconciliation failed; the periodic sweep will retry")]
    public static partial void StartupReconcileFailed(this ILogger logger, Exception exception);

    [LoggerMessage(Level = LogLevel.Information, Message = "Background jobs: Hangfire with {Storage} storage, scheduler polling every {Seconds} s, {Workers} workers")]
    public static partial void Configured(this ILogger logger, JobStorageKind storage, double seconds, int workers);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not hand work item {WorkItemId} of workspace {WorkspaceId} to the job storage when its timer fired; the reconciler schedules it again")]
    public static partial void TimerEnqueueFailed(this ILogger logger, Exception exception, string workItemId, string workspaceId);
}
