using Hangfire;
using IncidentBot.Dialogs.Storage;
using IncidentBot.Dialogs.Work;
using Microsoft.Extensions.DependencyInjection;

namespace IncidentBot.Testing.Hosts;

/// <summary>
/// Runs every stored work item that is due by the bot's clock, as the job server would, until
/// none is left. With a FakeTimeProvider this is how tests make timers fire: advance the clock,
/// then run what is due. Hangfire keeps running real-time jobs alongside; both paths are
/// idempotent by design, but a job still running when the test moves the clock sees time jump
/// under it (a claim made a moment ago looks minutes old), which no real run does; so the runner
/// waits for Hangfire to be idle before and after.
/// </summary>
public static class DueWork
{
    /// <returns>How many work items ran.</returns>
    public static async Task<int> RunAsync(IServiceProvider services, TimeProvider clock, CancellationToken cancellationToken = default)
    {
        // The job server retries a run that lost an ETag race; its own real-time runs of "now" work race these, as two instances would.
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await WaitForIdleJobsAsync(services, cancellationToken);
                var ran = await RunOnceAsync(services, clock, cancellationToken);
                await WaitForIdleJobsAsync(services, cancellationToken);
                return ran;
            }
            catch (DocumentConflictException) when (attempt < 5)
            {
            }
        }
    }

    /// <summary>
    /// Waits until the bot's Hangfire server has nothing enqueued or processing, nor work run at once
    /// (<see cref="IncidentBot.Jobs.ImmediateWork"/>) anything pending, seen on three polls
    /// in a row: a fetched job is briefly neither enqueued nor processing. Throws, with what is
    /// running, if that takes over 20 s, rather than letting a test go on against a busy bot.
    /// </summary>
    public static async Task WaitForIdleJobsAsync(IServiceProvider services, CancellationToken cancellationToken = default)
    {
        var monitoring = services.GetRequiredService<JobStorage>().GetMonitoringApi();
        var immediate = services.GetService<IncidentBot.Jobs.ImmediateWork>();
        var idleInARow = 0;
        try
        {
            // Every 10 ms: tests call this around each run of due work, so a slower poll would slow every timer test.
            await BoundedPoll.UntilAsync(
                _ => Task.FromResult(idleInARow = monitoring.ProcessingCount() == 0 && IncidentBot.Jobs.JobQueues.InOrder.All(queue => monitoring.EnqueuedCount(queue) == 0)
                    && immediate is not { Pending: > 0 } ? idleInARow + 1 : 0),
                seen => seen == 3, "the bot's jobs to be idle on three polls in a row", TimeSpan.FromSeconds(20), TimeSpan.FromMilliseconds(10), cancellationToken);
        }
        catch (TimeoutException e)
        {
            throw new TimeoutException(e.Message + ". " + DescribeJobs(services), e);
        }
    }

    /// <summary>What the bot's Hangfire server is doing and which work is stored, for a test's failure message.</summary>
    public static async Task<string> DescribeAsync(IServiceProvider services)
    {
        var items = new List<string>();
        try
        {
            await foreach (var workspace in services.GetRequiredService<WorkspaceRegistry>().ListAsync(default))
            {
                await foreach (var item in services.GetRequiredService<IDocumentStore>().QueryAsync<WorkItem>(new DocumentQuery(workspace.Id, WorkItem.DocumentType), default))
                    items.Add($"{item.Value.Kind} {item.Value.TargetId} due {item.Value.DueAt:HH:mm:ss.fff}");
            }
        }
        catch (Exception e) when (e is ObjectDisposedException or InvalidOperationException)
        {
            items.Add("unavailable: " + e.Message);
        }
        return DescribeJobs(services) + $"\nStored work: [{string.Join("; ", items)}]";
    }

    private static string DescribeJobs(IServiceProvider services)
    {
        try
        {
            var monitoring = services.GetRequiredService<JobStorage>().GetMonitoringApi();
            var stats = monitoring.GetStatistics();
            var processing = monitoring.ProcessingJobs(0, 20).Select(j => $"{j.Key} {j.Value.InvocationData?.Arguments} since {j.Value.StartedAt:HH:mm:ss.fff}");
            var scheduled = monitoring.ScheduledJobs(0, 20).Select(j => $"{j.Key} at {j.Value.EnqueueAt:HH:mm:ss.fff} "
                + string.Join(" / ", monitoring.JobDetails(j.Key)?.History.Select(h => $"{h.StateName} {h.Reason} {(h.Data?.TryGetValue("ExceptionType", out var t) == true ? t : "")} {(h.Data?.TryGetValue("ExceptionDetails", out var m) == true ? m : "")}") ?? []));
            return $"Jobs: servers {stats.Servers}, enqueued {stats.Enqueued}, processing {stats.Processing} [{string.Join("; ", processing)}], "
                + $"scheduled {stats.Scheduled} [{string.Join("; ", scheduled)}], succeeded {stats.Succeeded}, failed {stats.Failed}; now {DateTime.UtcNow:HH:mm:ss.fff}";
        }
        catch (Exception e) when (e is ObjectDisposedException or InvalidOperationException)
        {
            return "Jobs: unavailable (" + e.Message + ")";
        }
    }

    private static async Task<int> RunOnceAsync(IServiceProvider services, TimeProvider clock, CancellationToken cancellationToken)
    {
        var dispatcher = services.GetRequiredService<WorkDispatcher>();
        var workspaces = services.GetRequiredService<WorkspaceRegistry>();
        var documents = services.GetRequiredService<IDocumentStore>();
        var ran = 0;
        for (var round = 0; round < 100; round++)
        {
            var due = new List<(string Workspace, string Id)>();
            await foreach (var workspace in workspaces.ListAsync(cancellationToken))
            {
                var query = new DocumentQuery(workspace.Id, WorkItem.DocumentType).Where(WorkItem.Paths.DueAt, FilterOperator.LessThanOrEqual, clock.GetUtcNow());
                await foreach (var item in documents.QueryAsync<WorkItem>(query, cancellationToken))
                    due.Add((workspace.Id, item.Value.Id));
            }
            if (due.Count == 0)
                return ran;
            foreach (var (workspace, id) in due)
            {
                try
                {
                    await dispatcher.RunAsync(workspace, id, cancellationToken);
                }
                catch (DocumentConflictException)
                {
                    // A Hangfire run of the same work changed it meanwhile; Hangfire would retry, so does the next round.
                }
            }
            ran += due.Count;
        }
        throw new InvalidOperationException("Work kept becoming due after 100 rounds; a handler is rescheduling itself for now.");
    }
}
