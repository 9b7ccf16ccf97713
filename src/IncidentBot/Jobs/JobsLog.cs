namespace IncidentBot.Jobs;

internal static partial class JobsLog
{
    [LoggerMessage(Level = LogLevel.Error, Message = "A job storage call failed and nothing handled it")]
    public static partial void JobStorageCallFailed(this ILogger logger, Exception exception);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Start-up reconciliation failed; the periodic sweep will retry")]
    public static partial void StartupReconcileFailed(this ILogger logger, Exception exception);

    [LoggerMessage(Level = LogLevel.Information, Message = "Background jobs: Hangfire with {Storage} storage, scheduler polling every {Seconds} s, {Workers} workers")]
    public static partial void Configured(this ILogger logger, JobStorageKind storage, double seconds, int workers);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not hand work item {WorkItemId} of workspace {WorkspaceId} to the job storage when its timer fired; the reconciler schedules it again")]
    public static partial void TimerEnqueueFailed(this ILogger logger, Exception exception, string workItemId, string workspaceId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Job lock {Key} was lost while held (not renewed within its {Seconds} s lease); another instance may have taken it")]
    public static partial void LeaseLost(this ILogger logger, string key, double seconds);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not renew job lock {Key}; trying again at the next renewal")]
    public static partial void LeaseRenewFailed(this ILogger logger, Exception exception, string key);

    [LoggerMessage(Level = LogLevel.Information, Message = "Job lock {Key} had lapsed or been taken over before its release")]
    public static partial void LeaseLapsedBeforeRelease(this ILogger logger, string key);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not release job lock {Key}; it lapses by itself")]
    public static partial void LeaseReleaseFailed(this ILogger logger, Exception exception, string key);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Work {WorkItemIds} of workspace {WorkspaceId} failed when run at once; it is handed to a job, retried as any job")]
    public static partial void ImmediateRunFailed(this ILogger logger, Exception exception, string workspaceId, string workItemIds);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not hand failed work of workspace {WorkspaceId} to the job storage; the reconciler schedules it again")]
    public static partial void ImmediateRetryNotScheduled(this ILogger logger, Exception exception, string workspaceId);
}
