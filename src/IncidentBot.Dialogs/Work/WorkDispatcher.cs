using System.Diagnostics;
using IncidentBot.Dialogs.Incidents;
using IncidentBot.Dialogs.Storage;
using IncidentBot.Dialogs.Telemetry;
using Microsoft.Extensions.Logging;

namespace IncidentBot.Dialogs.Work;

/// <summary>
/// Runs a stored work item when its job fires: re-read, check it is due, hand it to its
/// handler, then delete it only if nobody asked for it again meanwhile (ETag), unless the handler
/// already did in its last unit (<see cref="WorkRun"/>). A run that fails
/// is recorded on the item and tried again after the next <see cref="WorkRetries"/> delay; after
/// the last attempt the item is set aside (never retried forever, never dropped silently) until an
/// operator retries it or a new request for the same work starts it afresh.
/// </summary>
public sealed class WorkDispatcher(
    DocumentWriter writer,
    IEnumerable<IWorkHandler> handlers,
    IJobScheduler scheduler,
    WorkRetries retries,
    TimeProvider clock,
    ILogger<WorkDispatcher> logger)
{
    /// <summary>The longest failure reason kept on an item.</summary>
    public const int MaxErrorLength = 300;

    /// <summary>Job storages keep whole-second scores, so a job may fire up to a second early.</summary>
    public static readonly TimeSpan EarlyTolerance = TimeSpan.FromMilliseconds(50);

    private readonly IDocumentStore documents = writer.Documents;

    private readonly Dictionary<string, IWorkHandler> _handlers = handlers.ToDictionary(h => h.Kind, StringComparer.Ordinal);

    public async Task RunAsync(string workspaceId, string workItemId, CancellationToken cancellationToken)
    {
        // The job's span: every store call, Slack call and span of the handler hangs under it.
        using var activity = IncidentTelemetry.Source.StartActivity("RunWork");
        activity?.SetTag(IncidentTelemetry.WorkspaceId, workspaceId);
        activity?.SetTag(IncidentTelemetry.WorkItemId, workItemId);
        var workspace = WorkspaceId.From(workspaceId);
        var stored = await documents.ReadAsync<WorkItem>(workspaceId, workItemId, cancellationToken);
        if (stored is null)
            return; // done or cancelled since this job was queued
        var item = stored.Value;
        activity?.SetTag(IncidentTelemetry.WorkKind, item.Kind);
        if (item.IsSetAside)
            return;
        if (item.DueAt > clock.GetUtcNow() + EarlyTolerance)
        {
            logger.WokeEarly(workItemId, workspace, item.DueAt);
            await scheduler.ScheduleAsync(workspaceId, workItemId, item.DueAt, cancellationToken);
            return;
        }
        if (!_handlers.TryGetValue(item.Kind, out var handler))
        {
            logger.UnknownKind(workItemId, workspace, item.Kind);
            await documents.DeleteAsync(workspaceId, workItemId, stored.ETag, cancellationToken);
            return;
        }

        WorkOutcome outcome;
        using var run = WorkRun.Begin(stored);
        try
        {
            outcome = await handler.RunAsync(workspace, item.TargetId, cancellationToken);
        }
        catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            activity?.SetStatus(ActivityStatusCode.Error, e.GetType().Name);
            await RecordFailureAsync(stored, e, cancellationToken);
            return;
        }
        if (outcome.LeavesItem)
            return;
        try
        {
            if (outcome.RunAgainAt is { } again)
            {
                await documents.ReplaceAsync(item with { DueAt = again }, stored.ETag, cancellationToken);
                await scheduler.ScheduleAsync(workspaceId, workItemId, again, cancellationToken);
            }
            else if (!run.IsFinished)
            {
                await documents.DeleteAsync(workspaceId, workItemId, stored.ETag, cancellationToken);
            }
        }
        catch (DocumentConflictException)
        {
            await RescheduleRequestedAsync(workspaceId, workItemId, cancellationToken);
        }
    }

    /// <summary>Puts a set-aside item back in line (an operator's retry).</summary>
    /// <returns>False if there is no such item.</returns>
    public async Task<bool> RetryAsync(string workspaceId, string workItemId, CancellationToken cancellationToken)
    {
        var workspace = WorkspaceId.From(workspaceId);
        var committed = await writer.WriteAsync(workspace, async (attempt, token) =>
        {
            var stored = await attempt.ReadAsync<WorkItem>(workItemId, token);
            if (stored is null)
                return (DateTimeOffset?)null;
            var now = clock.GetUtcNow();
            attempt.Batch.Replace(stored.Value with { Attempts = 0, FailedAt = null, DueAt = now }, stored.ETag);
            return now;
        }, cancellationToken);
        if (committed.Value is not { } now)
            return false;
        logger.RetriedByOperator(workItemId, workspace);
        await scheduler.ScheduleAsync(workspaceId, workItemId, now, cancellationToken);
        return true;
    }

    private async Task RecordFailureAsync(Versioned<WorkItem> stored, Exception failure, CancellationToken cancellationToken)
    {
        var reason = Reason(failure);
        var committed = await writer.WriteAsync(stored.Value.WorkspaceId, async (attempt, token) =>
        {
            var current = await attempt.ReadAsync(stored.Value.Id, stored, token);
            // Done, cancelled or requested again while it failed: the new request starts afresh.
            if (current is null || current.Value.RequestedAt != stored.Value.RequestedAt || current.Value.IsSetAside)
                return null;
            // The same request, perhaps changed by a concurrent run: this failure is recorded on top of it.
            var item = current.Value;
            var attempts = item.Attempts + 1;
            var now = clock.GetUtcNow();
            var setAside = attempts >= retries.MaxAttempts;
            var retryAt = now + retries.DelayAfter(attempts);
            var failed = item with
            {
                Attempts = attempts,
                LastError = reason,
                FailedAt = setAside ? now : null,
                // A concurrent run may have put it off (it found this run's send claim): the failure's retry comes first.
                DueAt = setAside ? item.DueAt : item.DueAt > now && item.DueAt < retryAt ? item.DueAt : retryAt,
            };
            attempt.Batch.Replace(failed, current.ETag);
            return failed;
        }, cancellationToken);
        if (committed.Value is not { } recorded)
        {
            await RescheduleRequestedAsync(stored.Value.WorkspaceId, stored.Value.Id, cancellationToken);
            return;
        }
        if (recorded.IsSetAside)
        {
            logger.SetAside(failure, recorded.Id, recorded.Workspace(), recorded.Attempts, reason);
            return;
        }
        logger.Failed(failure, recorded.Id, recorded.Workspace(), recorded.Attempts, retries.MaxAttempts, recorded.DueAt);
        await scheduler.ScheduleAsync(recorded.WorkspaceId, recorded.Id, recorded.DueAt, cancellationToken);
    }

    private async Task RescheduleRequestedAsync(string workspaceId, string workItemId, CancellationToken cancellationToken)
    {
        var workspace = WorkspaceId.From(workspaceId);
        // Requested again while we ran: the newer request has its own job, but make sure.
        logger.RequestedAgain(workItemId, workspace);
        var fresh = await documents.ReadAsync<WorkItem>(workspaceId, workItemId, cancellationToken);
        if (fresh is not null && !fresh.Value.IsSetAside)
            await scheduler.ScheduleAsync(workspaceId, workItemId, fresh.Value.DueAt, cancellationToken);
    }

    private static string Reason(Exception failure)
    {
        var text = $"{failure.GetType().Name}: {failure.Message}".ReplaceLineEndings(" ");
        return text.Length <= MaxErrorLength ? text : text[..MaxErrorLength];
    }
}
