using IncidentBot.Dialogs.Storage;
using Microsoft.Extensions.Logging;

namespace IncidentBot.Dialogs.Work;

/// <summary>
/// Re-creates jobs from the store: at start-up for every pending work item (an in-memory job
/// storage has forgotten them all), and periodically for items overdue by more than
/// <see cref="OverdueGrace"/> (a job that was lost). A job scheduled twice is harmless.
/// </summary>
public sealed class WorkReconciler(
    IDocumentStore documents,
    WorkspaceRegistry workspaces,
    IJobScheduler scheduler,
    TimeProvider clock,
    ILogger<WorkReconciler> logger)
{
    /// <summary>
    /// Longer than a request takes to be answered (its jobs are scheduled after the answer) and a
    /// job to start: an item still due after this lost its job, in a crash between storing and scheduling.
    /// </summary>
    public static readonly TimeSpan OverdueGrace = TimeSpan.FromSeconds(5);

    /// <summary>Schedules every pending item (<paramref name="overdueOnly"/>: only those long overdue).</summary>
    /// <returns>How many jobs were scheduled.</returns>
    public async Task<int> ReconcileAsync(bool overdueOnly, CancellationToken cancellationToken)
    {
        var count = 0;
        var visited = 0;
        await foreach (var workspace in workspaces.ListAsync(cancellationToken))
        {
            visited++;
            var query = new DocumentQuery(workspace.Id, WorkItem.DocumentType);
            if (overdueOnly)
                query = query.Where("dueAt", FilterOperator.LessThan, clock.GetUtcNow() - OverdueGrace);
            await foreach (var item in documents.QueryAsync<WorkItem>(query, cancellationToken))
            {
                if (item.Value.IsSetAside)
                    continue; // waits for an operator, not for a job
                await scheduler.ScheduleAsync(workspace.Id, item.Value.Id, item.Value.DueAt, cancellationToken);
                count++;
            }
        }
        if (count > 0 || !overdueOnly)
            logger.Reconciled(count, visited);
        return count;
    }
}
