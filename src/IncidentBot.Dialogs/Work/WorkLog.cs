using IncidentBot.Dialogs.Incidents;
using Microsoft.Extensions.Logging;

namespace IncidentBot.Dialogs.Work;

internal static partial class WorkLog
{
    [LoggerMessage(Level = LogLevel.Debug, Message = "Work {WorkItemId} in {WorkspaceId} woke before it was due at {DueAt}; rescheduled")]
    public static partial void WokeEarly(this ILogger logger, string workItemId, WorkspaceId workspaceId, DateTimeOffset dueAt);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Work {WorkItemId} in {WorkspaceId} has kind {Kind} that no handler knows; dropped")]
    public static partial void UnknownKind(this ILogger logger, string workItemId, WorkspaceId workspaceId, string kind);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Work {WorkItemId} in {WorkspaceId} was requested again while it ran; running again")]
    public static partial void RequestedAgain(this ILogger logger, string workItemId, WorkspaceId workspaceId);

    [LoggerMessage(Level = LogLevel.Information, Message = "Reconciled {Count} pending work items across {Workspaces} workspaces")]
    public static partial void Reconciled(this ILogger logger, int count, int workspaces);

    [LoggerMessage(Level = LogLevel.Warning,
        Message = "Work {WorkItemId} in {WorkspaceId} failed (attempt {Attempts} of {MaxAttempts}); trying again at {RetryAt}")]
    public static partial void Failed(this ILogger logger, Exception exception, string workItemId, WorkspaceId workspaceId, int attempts, int maxAttempts, DateTimeOffset retryAt);

    [LoggerMessage(Level = LogLevel.Error,
        Message = "Work {WorkItemId} in {WorkspaceId} failed {Attempts} times and is set aside until an operator retries it (POST /api/work/{WorkItemId}/retry): {Reason}")]
    public static partial void SetAside(this ILogger logger, Exception exception, string workItemId, WorkspaceId workspaceId, int attempts, string reason);

    [LoggerMessage(Level = LogLevel.Information, Message = "Work {WorkItemId} in {WorkspaceId} was put back in line by an operator")]
    public static partial void RetriedByOperator(this ILogger logger, string workItemId, WorkspaceId workspaceId);

    [LoggerMessage(Level = LogLevel.Information, Message = "Instance {Holder} now sweeps for lost work (previous holder: {Previous})")]
    public static partial void LeaseTaken(this ILogger logger, string holder, string? previous);
}
