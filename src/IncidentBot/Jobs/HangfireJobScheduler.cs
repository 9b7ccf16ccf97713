using System.Collections.Concurrent;
using System.Reflection;
using Hangfire;
using Hangfire.Common;
using Hangfire.States;
using IncidentBot.Dialogs.Work;
using Microsoft.Extensions.Logging;

namespace IncidentBot.Jobs;

/// <summary>
/// Schedules <see cref="RunWorkJob"/> in Hangfire for a stored work item. Hangfire's scheduler
/// polls and keeps whole-second scores, so a job it holds fires up to a second early or late. To
/// make timers such as escalations fire on time, a job due far ahead is scheduled
/// <see cref="ScheduleLead"/> early (on a shared storage also the scheduler lock's lease earlier); when it fires,
/// the dispatcher finds its item not yet due and schedules it again, now within <see cref="TimerHorizon"/> (plus
/// that lease), which an in-process timer enqueues at the due time. A timer lost with its process is like a lost job: the stored item is still there.
/// With the in-memory storage (one instance) the reconciler schedules it again; there a job in Hangfire is no more
/// durable than a timer, so work due within <see cref="TimerReach"/> gets only the timer (no scheduled job: its
/// creation, and Hangfire's scheduler polling for it, cost every declare its status-update timer's job). With a shared
/// storage (several instances) the timer's job is first scheduled in the storage at the first
/// whole second after the due time, and the timer moves that job to its queue at the due time: if
/// this instance dies meanwhile, any instance's scheduler runs it about a second late, and either
/// way it runs once. No job is skipped there because this process thinks one is waiting: another
/// instance may have run it. On a shared storage every call to it runs on <see cref="JobStorageThreads"/>, never
/// on the thread pool, whose threads receive its replies.
/// </summary>
public sealed class HangfireJobScheduler(
    IBackgroundJobClient jobs, JobStorage storage, HostJobStorage host, WaitingJobs waiting, JobStorageThreads storageThreads, TimeProvider clock, ILogger<HangfireJobScheduler> logger,
    ImmediateWork? immediate = null)
    : IJobScheduler, IDisposable
{
    /// <summary>How much before its due time a job is handed to Hangfire's scheduler (in memory).</summary>
    public static readonly TimeSpan ScheduleLead = TimeSpan.FromSeconds(2);

    /// <summary>Jobs due within this are enqueued by an in-process timer at their due time (on a shared storage too, with a backup job).</summary>
    public static readonly TimeSpan TimerHorizon = TimeSpan.FromSeconds(4);

    /// <summary>
    /// With the in-memory storage, work due within this gets only an in-process timer, never a Hangfire scheduled job:
    /// both die with the process, and the start-up reconciler schedules the stored item again either way. Beyond it a
    /// scheduled job wakes it as before, so a timer's due time stays far inside what a runtime timer takes (49 days).
    /// </summary>
    public static readonly TimeSpan TimerReach = TimeSpan.FromDays(7);

    // On a shared storage the early wake-up also has to outlast a killed instance's scheduler lock: until its
    // lease lapses no scheduler enqueues anything, and the wake-up would come late (issue 16).
    private TimeSpan Lead => ScheduleLead + host.SchedulerStall;

    private TimeSpan Horizon => host.IsShared ? TimerHorizon + host.SchedulerStall : TimerReach;

    // One timer per item and due time: a job that wakes early twice (two instances, a backup) adds no second timer.
    private readonly ConcurrentDictionary<(string WorkspaceId, string WorkItemId, DateTimeOffset DueAt), ITimer> _timers = new();

    private volatile bool _disposed;

    /// <summary>
    /// Work waiting for an in-process timer (with the in-memory storage, everything due within <see cref="TimerReach"/>):
    /// Hangfire's own counts of scheduled jobs do not include it.
    /// </summary>
    public int PendingTimers => _timers.Count;

    public Task ScheduleAsync(string workspaceId, string workItemId, DateTimeOffset runAt, CancellationToken cancellationToken) =>
        CallStorageAsync(() => Schedule(workspaceId, workItemId, runAt));

    /// <summary>
    /// The job <c>Enqueue&lt;RunWorkJob&gt;(queue, job =&gt; job.RunAsync(workspaceId, workItemId, CancellationToken.None))</c>
    /// creates, built directly: the expression tree the lambda builds and Hangfire evaluates cost more than the job's
    /// own creation on the path that answers an intake report (PERFORMANCE.md, issue 13).
    /// </summary>
    internal static Job RunJob(string workspaceId, string workItemId) =>
        new(typeof(RunWorkJob), RunMethod, [workspaceId, workItemId, CancellationToken.None], JobQueues.For(workItemId));

    internal static MethodInfo RunMethod { get; } = typeof(RunWorkJob).GetMethod(nameof(RunWorkJob.RunAsync))!;

    internal static MethodInfo RunTogetherMethod { get; } = typeof(RunWorkJob).GetMethod(nameof(RunWorkJob.RunTogetherAsync))!;

    /// <summary>
    /// When a job scheduled <paramref name="delay"/> from now is sure not to fire early: Hangfire
    /// truncates a scheduled time to its second and runs it once the wall clock reaches that second.
    /// </summary>
    public static DateTimeOffset BackupTime(DateTimeOffset wallNow, TimeSpan delay)
    {
        var due = wallNow + delay;
        var second = TimeSpan.TicksPerSecond;
        return new DateTimeOffset((due.UtcTicks + second - 1) / second * second, TimeSpan.Zero);
    }

    /// <summary>
    /// With the in-memory storage, the items of one change that are due now and share a queue run in
    /// one job, one after the other (<see cref="RunWorkJob.RunTogetherAsync"/>): a declare's channel sync
    /// and status-update timer, its clock start and page routing. A job costs several round trips to the
    /// storage's dispatcher thread (create, enqueue, fetch, three state changes); a work item in a shared
    /// job costs only its lock. Everything else is scheduled as <see cref="ScheduleAsync"/> does. With
    /// <see cref="ImmediateWork"/> (the host's) the group runs at once without a Hangfire job at all.
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
                if (immediate is not null && ids.Length > 0)
                    immediate.Start(workspaceId, queue, ids);
                else if (ids is [var only])
                    jobs.Create(RunJob(workspaceId, only), new EnqueuedState());
                else if (ids.Length > 1)
                    jobs.Create(new Job(typeof(RunWorkJob), RunTogetherMethod, [workspaceId, ids, CancellationToken.None], queue), new EnqueuedState());
            }
            catch
            {
                foreach (var id in ids)
                    waiting.Release(workspaceId, id);
                throw;
            }
        }
        var rest = requested.Except(together).ToList();
        if (rest.Count > 0)
        {
            // One hop for all of them.
            await CallStorageAsync(() =>
            {
                foreach (var job in rest)
                    Schedule(job.WorkspaceId, job.WorkItemId, job.RunAt);
            });
        }
    }

    /// <summary>The job storage, the servers sharing it, and whether this instance's own server is among them, alive (a health probe asks every few seconds).</summary>
    public async Task<JobServerState> DescribeAsync(string serverNamePrefix, TimeSpan heartbeatTolerance)
    {
        JobServerState? state = null;
        await CallStorageAsync(() => state = Describe(serverNamePrefix, heartbeatTolerance));
        return state!;
    }

    private JobServerState Describe(string serverNamePrefix, TimeSpan heartbeatTolerance)
    {
        var servers = storage.GetMonitoringApi().Servers();
        // Hangfire stamps heartbeats with the wall clock, not our TimeProvider: compare like with like.
        var now = DateTime.UtcNow;
        var own = servers.FirstOrDefault(s => s.Name.StartsWith(serverNamePrefix, StringComparison.Ordinal));
        // Listed means announced and not yet timed out by any server's watchdog; a storage that reports
        // heartbeats (in memory does; Redis may leave it empty) also has to show a recent one.
        var isProcessing = own is not null && (own.Heartbeat is not { } heartbeat || now - heartbeat < heartbeatTolerance);
        return new JobServerState(host.Kind, servers.Count, isProcessing, _timers.Count);
    }

    public void Dispose()
    {
        // A timer added after this would outlive the host; its stored item is still there for the next start.
        _disposed = true;
        foreach (var timer in _timers.Values)
            timer.Dispose();
        _timers.Clear();
    }

    /// <summary>A blocking call to the storage: on a shared one, on <see cref="JobStorageThreads"/>; in memory, on the caller's thread.</summary>
    private Task CallStorageAsync(Action call)
    {
        if (host.IsShared)
            return storageThreads.RunAsync(call);
        call();
        return Task.CompletedTask;
    }

    private void Schedule(string workspaceId, string workItemId, DateTimeOffset runAt)
    {
        // A delay rather than an absolute time: Hangfire reads the wall clock, we read TimeProvider.
        var delay = runAt - clock.GetUtcNow();
        if (delay <= TimeSpan.Zero)
            Enqueue(workspaceId, workItemId);
        else if (delay <= Horizon)
            EnqueueLater(workspaceId, workItemId, runAt, delay);
        else
            jobs.Create(RunJob(workspaceId, workItemId), new ScheduledState(delay - Lead));
    }

    private void Enqueue(string workspaceId, string workItemId)
    {
        if (host.IsShared)
        {
            jobs.Create(RunJob(workspaceId, workItemId), new EnqueuedState());
            return;
        }
        if (!waiting.TryReserve(workspaceId, workItemId))
            return;
        try
        {
            jobs.Create(RunJob(workspaceId, workItemId), new EnqueuedState());
        }
        catch
        {
            waiting.Release(workspaceId, workItemId);
            throw;
        }
    }

    private void EnqueueLater(string workspaceId, string workItemId, DateTimeOffset dueAt, TimeSpan delay)
    {
        var key = (workspaceId, workItemId, dueAt);
        string? backupJobId = null;
        void Fire()
        {
            try
            {
                // Shared: the timer moves its own backup job forward, so one job runs either way. False when
                // the scheduler has already taken it (then it runs anyway).
                if (backupJobId is not null)
                    jobs.ChangeState(backupJobId, new EnqueuedState(), ScheduledState.StateName);
                else
                    Enqueue(workspaceId, workItemId);
            }
            catch (Exception e)
            {
                // An exception out of a timer callback ends the process; the stored item is still due,
                // so the backup job or the reconciler's sweep gives it a job again.
                logger.TimerEnqueueFailed(e, workItemId, workspaceId);
            }
        }

        var timer = clock.CreateTimer(_ =>
        {
            if (_timers.TryRemove(key, out var fired))
                fired.Dispose();
            // A timer fires on the thread pool. False only when the host is stopping: the stored item is still due.
            if (!host.IsShared)
                Fire();
            else
                storageThreads.TryPost(Fire);
        }, null, Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
        if (_disposed || !_timers.TryAdd(key, timer))
        {
            timer.Dispose();
            return;
        }
        if (_disposed && _timers.TryRemove(key, out _))
        {
            timer.Dispose(); // Dispose ran between the check and the add
            return;
        }
        if (host.IsShared)
        {
            try
            {
                // The wall clock on purpose: Hangfire's scheduler compares scheduled times with it.
                backupJobId = jobs.Create(RunJob(workspaceId, workItemId), new ScheduledState(BackupTime(DateTimeOffset.UtcNow, delay).UtcDateTime));
            }
            catch
            {
                _timers.TryRemove(key, out _);
                timer.Dispose();
                throw;
            }
        }
        timer.Change(delay, Timeout.InfiniteTimeSpan);
    }
}
