using System.Collections.Concurrent;
using Hangfire;
using IncidentBot.Dialogs.Work;
using Microsoft.Extensions.Logging;

namespace IncidentBot.Jobs;

/// <summary>
/// Schedules <see cref="RunWorkJob"/> in Hangfire for a stored work item. Hangfire's scheduler
/// polls (every second at best) and keeps whole-second scores, so a job it holds fires up to a
/// second early or late. With the in-memory storage (one instance), to make timers such as
/// escalations fire on time, a job due far ahead is scheduled <see cref="ScheduleLead"/> early;
/// when it fires, the dispatcher finds its item not yet due and schedules it again, now within
/// <see cref="TimerHorizon"/>, which an in-process timer enqueues at the due time. A timer lost
/// with its process is like a lost job: the stored item is still there, and the reconciler
/// schedules it again. With a shared storage (several instances) every job is kept in the
/// storage at its due time — an in-process timer would die with its instance — and no job is
/// skipped because this process thinks one is waiting: another instance may have run it.
/// </summary>
public sealed class HangfireJobScheduler(
    IBackgroundJobClient jobs, JobStorage storage, HostJobStorage host, WaitingJobs waiting, TimeProvider clock, ILogger<HangfireJobScheduler> logger)
    : IJobScheduler, IDisposable
{
    /// <summary>How much before its due time a job is handed to Hangfire's scheduler.</summary>
    public static readonly TimeSpan ScheduleLead = TimeSpan.FromSeconds(2);

    /// <summary>Jobs due within this are enqueued by an in-process timer at their due time.</summary>
    public static readonly TimeSpan TimerHorizon = TimeSpan.FromSeconds(4);

    private readonly ConcurrentDictionary<ITimer, bool> _timers = new();

    public Task ScheduleAsync(string workspaceId, string workItemId, DateTimeOffset runAt, CancellationToken cancellationToken)
    {
        // A delay rather than an absolute time: Hangfire reads the wall clock, we read TimeProvider.
        var delay = runAt - clock.GetUtcNow();
        if (host.IsShared)
        {
            if (delay <= TimeSpan.Zero)
                jobs.Enqueue<RunWorkJob>(JobQueues.For(workItemId), job => job.RunAsync(workspaceId, workItemId, CancellationToken.None));
            else
                jobs.Schedule<RunWorkJob>(JobQueues.For(workItemId), job => job.RunAsync(workspaceId, workItemId, CancellationToken.None), delay);
        }
        else if (delay <= TimeSpan.Zero)
            Enqueue(workspaceId, workItemId);
        else if (delay <= TimerHorizon)
            EnqueueLater(workspaceId, workItemId, delay);
        else
            jobs.Schedule<RunWorkJob>(JobQueues.For(workItemId), job => job.RunAsync(workspaceId, workItemId, CancellationToken.None), delay - ScheduleLead);
        return Task.CompletedTask;
    }

    /// <summary>
    /// With the in-memory storage, the items of one change that are due now and share a queue run in
    /// one job, one after the other (<see cref="RunWorkJob.RunTogetherAsync"/>): a declare's channel sync
    /// and status-update timer, its clock start and page routing. A job costs several round trips to the
    /// storage's dispatcher thread (create, enqueue, fetch, three state changes); a work item in a shared
    /// job costs only its lock. Everything else is scheduled as <see cref="ScheduleAsync"/> does.
    /// </summary>
    public async Task ScheduleAllAsync(IReadOnlyList<WorkJob> requested, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(requested);
        var now = clock.GetUtcNow();
        List<WorkJob> together = host.IsShared ? [] : [.. requested.Where(job => job.RunAt <= now)];
        foreach (var group in together.GroupBy(job => (job.WorkspaceId, Queue: JobQueues.For(job.WorkItemId))))
        {
            var (workspaceId, queue) = group.Key;
            // An item whose job is already waiting needs none: that job reads the item when it starts.
            var ids = group.Select(job => job.WorkItemId).Distinct(StringComparer.Ordinal).Where(id => waiting.TryReserve(workspaceId, id)).ToArray();
            try
            {
                if (ids is [var only])
                    jobs.Enqueue<RunWorkJob>(queue, job => job.RunAsync(workspaceId, only, CancellationToken.None));
                else if (ids.Length > 1)
                    jobs.Enqueue<RunWorkJob>(queue, job => job.RunTogetherAsync(workspaceId, ids, CancellationToken.None));
            }
            catch
            {
                foreach (var id in ids)
                    waiting.Release(workspaceId, id);
                throw;
            }
        }
        foreach (var job in requested.Except(together))
            await ScheduleAsync(job.WorkspaceId, job.WorkItemId, job.RunAt, cancellationToken);
    }

    /// <summary>The job storage, the servers sharing it, and whether this instance's own server is among them, alive.</summary>
    public JobServerState Describe(string serverNamePrefix, TimeSpan heartbeatTolerance)
    {
        var servers = storage.GetMonitoringApi().Servers();
        // Hangfire stamps heartbeats with the wall clock, not our TimeProvider: compare like with like.
        var now = DateTime.UtcNow;
        var own = servers.FirstOrDefault(s => s.Name.StartsWith(serverNamePrefix, StringComparison.Ordinal));
        // Listed means announced and not yet timed out by any server's watchdog; a storage that reports
        // heartbeats (in memory does; Redis may leave it empty) also has to show a recent one.
        var isProcessing = own is not null && (own.Heartbeat is not { } heartbeat || now - heartbeat < heartbeatTolerance);
        return new JobServerState(host.Kind, servers.Count, isProcessing);
    }

    public void Dispose()
    {
        foreach (var timer in _timers.Keys)
            timer.Dispose();
        _timers.Clear();
    }

    private void Enqueue(string workspaceId, string workItemId)
    {
        if (!waiting.TryReserve(workspaceId, workItemId))
            return;
        try
        {
            jobs.Enqueue<RunWorkJob>(JobQueues.For(workItemId), job => job.RunAsync(workspaceId, workItemId, CancellationToken.None));
        }
        catch
        {
            waiting.Release(workspaceId, workItemId);
            throw;
        }
    }

    private void EnqueueLater(string workspaceId, string workItemId, TimeSpan delay)
    {
        ITimer? timer = null;
        timer = clock.CreateTimer(_ =>
        {
            if (timer is not null && _timers.TryRemove(timer, out var _))
                timer.Dispose();
            try
            {
                Enqueue(workspaceId, workItemId);
            }
            catch (Exception e)
            {
                // An exception out of a timer callback ends the process; the stored item is still due,
                // so the reconciler's sweep gives it a job again.
                logger.TimerEnqueueFailed(e, workItemId, workspaceId);
            }
        }, null, Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
        _timers[timer] = true;
        timer.Change(delay, Timeout.InfiniteTimeSpan);
    }
}
