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

    /// <summary>
    /// Takes or renews the sweeping lease for <paramref name="holder"/>. False while another
    /// instance holds a lease that has not expired: that instance is alive and sweeping.
    /// </summary>
    public async Task<bool> TryLeaseAsync(string holder, TimeSpan duration, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(holder);
        var now = clock.GetUtcNow();
        var current = await documents.ReadAsync<ReconcilerLease>(KnownWorkspace.RegistryPartition, ReconcilerLease.DocumentId, cancellationToken);
        if (current is not null && current.Value.Holder != holder && current.Value.ExpiresAt > now)
            return false;
        var lease = new ReconcilerLease { Holder = holder, ExpiresAt = now + duration };
        try
        {
            await documents.CommitAsync(new DocumentBatch(KnownWorkspace.RegistryPartition).Save(lease, current?.ETag), cancellationToken);
        }
        catch (DocumentConflictException)
        {
            return false; // another instance took or renewed it at the same moment
        }
        if (current?.Value.Holder != holder)
            logger.LeaseTaken(holder, current?.Value.Holder);
        return true;
    }

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
                query = query.Where(WorkItem.Paths.DueAt, FilterOperator.LessThan, clock.GetUtcNow() - OverdueGrace);
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
