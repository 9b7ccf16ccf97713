using IncidentBot.Dialogs.Incidents;
using IncidentBot.Dialogs.Storage;
using Microsoft.Extensions.Logging;

namespace IncidentBot.Dialogs.Work;

/// <summary>
/// Runs a stored work item when its job fires: re-read, check it is due, hand it to its
/// handler, then delete it only if nobody asked for it again meanwhile (ETag).
/// </summary>
public sealed class WorkDispatcher(
    IDocumentStore documents,
    IEnumerable<IWorkHandler> handlers,
    IJobScheduler scheduler,
    TimeProvider clock,
    ILogger<WorkDispatcher> logger)
{
    /// <summary>Job storages keep whole-second scores, so a job may fire up to a second early.</summary>
    public static readonly TimeSpan EarlyTolerance = TimeSpan.FromMilliseconds(50);

    private readonly Dictionary<string, IWorkHandler> _handlers = handlers.ToDictionary(h => h.Kind, StringComparer.Ordinal);

    public async Task RunAsync(string workspaceId, string workItemId, CancellationToken cancellationToken)
    {
        var stored = await documents.ReadAsync<WorkItem>(workspaceId, workItemId, cancellationToken);
        if (stored is null)
            return; // done or cancelled since this job was queued
        var item = stored.Value;
        if (item.DueAt > clock.GetUtcNow() + EarlyTolerance)
        {
            logger.WokeEarly(workItemId, workspaceId, item.DueAt);
            await scheduler.ScheduleAsync(workspaceId, workItemId, item.DueAt, cancellationToken);
            return;
        }
        if (!_handlers.TryGetValue(item.Kind, out var handler))
        {
            logger.UnknownKind(workItemId, workspaceId, item.Kind);
            await documents.DeleteAsync(workspaceId, workItemId, stored.ETag, cancellationToken);
            return;
        }

        var outcome = await handler.RunAsync(new WorkspaceId(workspaceId), item.TargetId, cancellationToken);
        try
        {
            if (outcome.RunAgainAt is { } again)
            {
                await documents.ReplaceAsync(item with { DueAt = again }, stored.ETag, cancellationToken);
                await scheduler.ScheduleAsync(workspaceId, workItemId, again, cancellationToken);
            }
            else
            {
                await documents.DeleteAsync(workspaceId, workItemId, stored.ETag, cancellationToken);
            }
        }
        catch (DocumentConflictException)
        {
            // Requested again while we ran: the newer request has its own job, but make sure.
            logger.RequestedAgain(workItemId, workspaceId);
            var fresh = await documents.ReadAsync<WorkItem>(workspaceId, workItemId, cancellationToken);
            if (fresh is not null)
                await scheduler.ScheduleAsync(workspaceId, workItemId, fresh.Value.DueAt, cancellationToken);
        }
    }
}
