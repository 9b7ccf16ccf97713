using Hangfire;
using Hangfire.Common;
using Hangfire.InMemory;
using Hangfire.States;
using IncidentBot.Dialogs.Paging;
using IncidentBot.Dialogs.Work;
using IncidentBot.Jobs;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace IncidentBot.Tests.Jobs;

public sealed class HangfireJobSchedulerTests : IDisposable
{
    private static readonly string Escalation = WorkItem.IdFor(PagingWork.Escalate, "7");
    private static readonly string ChannelSync = WorkItem.IdFor("channel-sync", "3");

    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 12, 2, 9, 0, 0, TimeSpan.Zero));
    private readonly RecordingJobClient _jobs = new();
    private readonly InMemoryStorage _storage = new();
    private readonly JobStorageThreads _threads = new(NullLogger<JobStorageThreads>.Instance);
    private readonly List<IDisposable> _owned = [];

    [Fact]
    public async Task On_a_shared_storage_work_due_within_seconds_is_one_job_scheduled_not_to_fire_early_and_moved_to_its_queue_at_the_due_time()
    {
        var scheduler = Scheduler(JobStorageKind.Redis);
        var due = _clock.GetUtcNow().AddSeconds(3.4);
        var wallBefore = DateTimeOffset.UtcNow;

        await scheduler.ScheduleAsync("T1", Escalation, due, CancellationToken.None);

        var backup = Assert.IsType<ScheduledState>(Assert.Single(_jobs.States));
        var backupAt = new DateTimeOffset(backup.EnqueueAt, TimeSpan.Zero);
        Assert.Equal(0, backupAt.UtcTicks % TimeSpan.TicksPerSecond);
        Assert.InRange(backupAt, wallBefore.AddSeconds(3.4), DateTimeOffset.UtcNow.AddSeconds(4.4));

        await AdvanceAsync(TimeSpan.FromSeconds(3.3));
        Assert.Empty(_jobs.Changes);
        await AdvanceAsync(TimeSpan.FromSeconds(0.1));
        var (jobId, state, from) = Assert.Single(_jobs.Changes);
        Assert.Equal("1", jobId);
        Assert.IsType<EnqueuedState>(state);
        Assert.Equal(ScheduledState.StateName, from);
        Assert.Single(_jobs.States);
        Assert.Equal(JobQueues.Urgent, Assert.Single(_jobs.Jobs).Queue);
    }

    [Fact]
    public async Task The_same_item_and_due_time_scheduled_twice_has_one_timer_and_one_backup()
    {
        var scheduler = Scheduler(JobStorageKind.Redis);
        var due = _clock.GetUtcNow().AddSeconds(2);

        await scheduler.ScheduleAsync("T1", Escalation, due, CancellationToken.None);
        await scheduler.ScheduleAsync("T1", Escalation, due, CancellationToken.None);
        await AdvanceAsync(TimeSpan.FromSeconds(2));

        Assert.IsType<ScheduledState>(Assert.Single(_jobs.States));
        Assert.Single(_jobs.Changes);
    }

    [Theory]
    [InlineData(5, 27)]
    [InlineData(0.5, 27.5)]
    public async Task On_a_shared_storage_work_due_later_wakes_early_by_two_seconds_and_the_scheduler_locks_lease(double leaseSeconds, double wakesAfter)
    {
        // A killed instance's scheduler lock stalls every scheduler for up to its lease (1 s at most): the wake-up has to outlast it.
        var scheduler = Scheduler(JobStorageKind.Redis, leaseSeconds);
        var wallBefore = DateTimeOffset.UtcNow;

        await scheduler.ScheduleAsync("T1", Escalation, _clock.GetUtcNow().AddSeconds(30), CancellationToken.None);

        var scheduled = Assert.IsType<ScheduledState>(Assert.Single(_jobs.States));
        Assert.InRange(new DateTimeOffset(scheduled.EnqueueAt, TimeSpan.Zero), wallBefore.AddSeconds(wakesAfter), DateTimeOffset.UtcNow.AddSeconds(wakesAfter));
    }

    [Fact]
    public async Task On_a_shared_storage_work_due_within_the_horizon_and_the_lease_gets_a_timer_and_a_backup()
    {
        // 4.5 s: beyond the 4-s horizon, within it plus the scheduler lock's 1-s lease of several instances.
        var due = _clock.GetUtcNow().AddSeconds(4.5);
        var wallBefore = DateTimeOffset.UtcNow;
        await Scheduler(JobStorageKind.Redis).ScheduleAsync("T1", Escalation, due, CancellationToken.None);
        var backup = Assert.IsType<ScheduledState>(Assert.Single(_jobs.States));
        Assert.InRange(new DateTimeOffset(backup.EnqueueAt, TimeSpan.Zero), wallBefore.AddSeconds(4.5), DateTimeOffset.UtcNow.AddSeconds(5.5));
        await AdvanceAsync(TimeSpan.FromSeconds(4.5));
        Assert.Single(_jobs.Changes);
    }

    [Fact]
    public async Task On_a_shared_storage_work_due_in_30_minutes_is_still_a_scheduled_job_and_no_timer()
    {
        var scheduler = Scheduler(JobStorageKind.Redis, leaseSeconds: 0.5);
        var wallBefore = DateTimeOffset.UtcNow;

        await scheduler.ScheduleAsync("T1", ChannelSync, _clock.GetUtcNow().AddMinutes(30), CancellationToken.None);

        var scheduled = Assert.IsType<ScheduledState>(Assert.Single(_jobs.States));
        Assert.InRange(new DateTimeOffset(scheduled.EnqueueAt, TimeSpan.Zero), wallBefore.AddSeconds(1800 - 2.5), DateTimeOffset.UtcNow.AddSeconds(1800 - 2.5));
        Assert.Equal(0, scheduler.PendingTimers);
    }

    [Fact]
    public async Task In_memory_work_due_in_30_minutes_gets_no_hangfire_job_and_is_enqueued_when_the_clock_reaches_its_time()
    {
        var scheduler = Scheduler(JobStorageKind.InMemory);
        var due = _clock.GetUtcNow().AddMinutes(30);

        await scheduler.ScheduleAllAsync([new WorkJob("T1", ChannelSync, due)], CancellationToken.None);
        Assert.Empty(_jobs.States);
        Assert.Equal(1, scheduler.PendingTimers);

        await AdvanceAsync(TimeSpan.FromMinutes(30) - TimeSpan.FromTicks(1));
        Assert.Empty(_jobs.States);
        await AdvanceAsync(TimeSpan.FromTicks(1));

        Assert.IsType<EnqueuedState>(Assert.Single(_jobs.States));
        Assert.Equal(HangfireJobScheduler.RunMethod, Assert.Single(_jobs.Jobs).Method);
        Assert.Equal(0, scheduler.PendingTimers);
    }

    [Fact]
    public async Task In_memory_work_due_beyond_the_timer_reach_is_a_scheduled_job_that_wakes_two_seconds_early()
    {
        var scheduler = Scheduler(JobStorageKind.InMemory);
        var wallBefore = DateTimeOffset.UtcNow;

        await scheduler.ScheduleAsync("T1", ChannelSync, _clock.GetUtcNow().AddDays(8), CancellationToken.None);

        var scheduled = Assert.IsType<ScheduledState>(Assert.Single(_jobs.States));
        Assert.InRange(new DateTimeOffset(scheduled.EnqueueAt, TimeSpan.Zero), wallBefore.AddDays(8).AddSeconds(-2), DateTimeOffset.UtcNow.AddDays(8).AddSeconds(-2));
        Assert.Equal(0, scheduler.PendingTimers);
    }

    [Fact]
    public async Task In_memory_the_same_item_scheduled_twice_for_later_and_swept_when_due_runs_once()
    {
        // A request and the start-up reconciler ask for the same item and due time; then the recurring sweep finds it due.
        var scheduler = Scheduler(JobStorageKind.InMemory);
        var due = _clock.GetUtcNow().AddMinutes(30);

        await scheduler.ScheduleAsync("T1", ChannelSync, due, CancellationToken.None);
        await scheduler.ScheduleAllAsync([new WorkJob("T1", ChannelSync, due)], CancellationToken.None);
        Assert.Equal(1, scheduler.PendingTimers);
        await AdvanceAsync(TimeSpan.FromMinutes(30));
        await scheduler.ScheduleAsync("T1", ChannelSync, due, CancellationToken.None);

        Assert.IsType<EnqueuedState>(Assert.Single(_jobs.States));
    }

    [Fact]
    public async Task In_memory_a_disposed_scheduler_fires_no_timer_and_arms_none()
    {
        var scheduler = Scheduler(JobStorageKind.InMemory);
        await scheduler.ScheduleAsync("T1", ChannelSync, _clock.GetUtcNow().AddMinutes(30), CancellationToken.None);

        scheduler.Dispose();
        await scheduler.ScheduleAsync("T1", Escalation, _clock.GetUtcNow().AddMinutes(1), CancellationToken.None);
        await AdvanceAsync(TimeSpan.FromHours(1));

        Assert.Empty(_jobs.States);
        Assert.Equal(0, scheduler.PendingTimers);
    }

    [Fact]
    public async Task On_a_shared_storage_every_due_request_is_enqueued_as_another_instance_may_have_run_the_last_job()
    {
        var scheduler = Scheduler(JobStorageKind.Redis);

        await scheduler.ScheduleAsync("T1", ChannelSync, _clock.GetUtcNow(), CancellationToken.None);
        await scheduler.ScheduleAsync("T1", ChannelSync, _clock.GetUtcNow(), CancellationToken.None);

        Assert.Equal(2, _jobs.States.OfType<EnqueuedState>().Count());
    }

    [Fact]
    public async Task In_memory_a_timer_leaves_no_backup_and_a_waiting_job_absorbs_repeats()
    {
        var scheduler = Scheduler(JobStorageKind.InMemory);

        await scheduler.ScheduleAsync("T1", Escalation, _clock.GetUtcNow().AddSeconds(1), CancellationToken.None);
        Assert.Empty(_jobs.States);
        await AdvanceAsync(TimeSpan.FromSeconds(1));
        await scheduler.ScheduleAsync("T1", Escalation, _clock.GetUtcNow(), CancellationToken.None);

        Assert.IsType<EnqueuedState>(Assert.Single(_jobs.States));
    }

    [Fact]
    public async Task A_storage_that_refuses_the_job_when_the_timer_fires_is_logged_not_thrown_out_of_the_timer()
    {
        var scheduler = Scheduler(JobStorageKind.Redis);
        await scheduler.ScheduleAsync("T1", Escalation, _clock.GetUtcNow().AddSeconds(1), CancellationToken.None);
        _jobs.FailNext = true;

        await AdvanceAsync(TimeSpan.FromSeconds(1));

        Assert.IsType<ScheduledState>(Assert.Single(_jobs.States)); // the scheduler runs it at its backup time
        Assert.Empty(_jobs.Changes);
    }

    [Fact]
    public async Task A_job_the_timer_moves_forward_lands_in_its_urgent_queue_of_the_real_storage()
    {
        // Hangfire's own client and storage: the queue is the job's, not the state's.
        var client = new BackgroundJobClient(_storage);
        var host = new HostJobStorage(Options.Create(new JobsOptions { Storage = JobStorageKind.Redis }), NullLoggerFactory.Instance);
        using var scheduler = new HangfireJobScheduler(client, _storage, host, new WaitingJobs(_clock), _threads, _clock, NullLogger<HangfireJobScheduler>.Instance);
        _owned.Add(host);

        await scheduler.ScheduleAsync("T1", Escalation, _clock.GetUtcNow().AddSeconds(2), CancellationToken.None);
        var monitoring = _storage.GetMonitoringApi();
        Assert.Equal(1, monitoring.ScheduledCount());
        await AdvanceAsync(TimeSpan.FromSeconds(2));

        Assert.Equal(0, monitoring.ScheduledCount());
        var queue = Assert.Single(monitoring.Queues());
        Assert.Equal(JobQueues.Urgent, queue.Name);
        Assert.Equal(1, queue.Length);
    }

    [Fact]
    public async Task Each_path_creates_the_job_the_expression_form_of_hangfires_client_created()
    {
        var shared = Scheduler(JobStorageKind.Redis);
        var inMemory = Scheduler(JobStorageKind.InMemory);
        string[] together = [ChannelSync, WorkItem.IdFor("status-update", "3")];

        await inMemory.ScheduleAsync("T1", Escalation, _clock.GetUtcNow(), CancellationToken.None);
        await inMemory.ScheduleAsync("T1", ChannelSync, _clock.GetUtcNow().AddDays(8), CancellationToken.None);
        await shared.ScheduleAsync("T1", Escalation, _clock.GetUtcNow().AddSeconds(3), CancellationToken.None);
        await inMemory.ScheduleAllAsync([.. together.Select(id => new WorkJob("T2", id, _clock.GetUtcNow()))], CancellationToken.None);

        Job[] expected =
        [
            Job.FromExpression<RunWorkJob>(job => job.RunAsync("T1", Escalation, CancellationToken.None), JobQueues.Urgent),
            Job.FromExpression<RunWorkJob>(job => job.RunAsync("T1", ChannelSync, CancellationToken.None), JobQueues.Default),
            Job.FromExpression<RunWorkJob>(job => job.RunAsync("T1", Escalation, CancellationToken.None), JobQueues.Urgent),
            Job.FromExpression<RunWorkJob>(job => job.RunTogetherAsync("T2", together, CancellationToken.None), JobQueues.Default),
        ];
        Assert.Equal(expected.Length, _jobs.Jobs.Count);
        foreach (var (want, got) in expected.Zip(_jobs.Jobs))
        {
            Assert.Equal(want.Type, got.Type);
            Assert.Equal(want.Method, got.Method);
            Assert.Equal(want.Queue, got.Queue);
            // As Hangfire stores it (the cancellation token as null).
            var (stored, created) = (Hangfire.Storage.InvocationData.SerializeJob(want), Hangfire.Storage.InvocationData.SerializeJob(got));
            Assert.Equal((stored.Type, stored.Method, stored.ParameterTypes, stored.Arguments, stored.Queue), (created.Type, created.Method, created.ParameterTypes, created.Arguments, created.Queue));
        }
        Assert.Collection(_jobs.States,
            state => Assert.IsType<EnqueuedState>(state),
            state => Assert.IsType<ScheduledState>(state),
            state => Assert.IsType<ScheduledState>(state),
            state => Assert.IsType<EnqueuedState>(state));
    }

    [Theory]
    [InlineData("2026-12-02T09:00:00.0000000Z", 0.0, "2026-12-02T09:00:00Z")]
    [InlineData("2026-12-02T09:00:00.0000000Z", 0.0000001, "2026-12-02T09:00:01Z")]
    [InlineData("2026-12-02T09:00:00.4000000Z", 2.5, "2026-12-02T09:00:03Z")]
    [InlineData("2026-12-02T09:00:00.5000000Z", 2.5, "2026-12-02T09:00:03Z")]
    public void The_backup_time_is_the_first_whole_second_at_or_after_the_due_time(string now, double delaySeconds, string expected)
    {
        var backup = HangfireJobScheduler.BackupTime(DateTimeOffset.Parse(now, System.Globalization.CultureInfo.InvariantCulture), TimeSpan.FromSeconds(delaySeconds));

        Assert.Equal(DateTimeOffset.Parse(expected, System.Globalization.CultureInfo.InvariantCulture), backup);
    }

    [Fact]
    public async Task On_a_shared_storage_no_call_to_it_runs_on_the_thread_pool_whose_threads_receive_its_replies()
    {
        var scheduler = Scheduler(JobStorageKind.Redis);
        var now = _clock.GetUtcNow();

        // From a thread-pool thread, as a request or a sweep calls it: due now, within the horizon (timer and backup), later.
        await Task.Run(() => scheduler.ScheduleAllAsync(
            [new WorkJob("T1", ChannelSync, now), new WorkJob("T1", Escalation, now.AddSeconds(2)), new WorkJob("T1", WorkItem.IdFor(PagingWork.Escalate, "8"), now.AddMinutes(5))],
            CancellationToken.None));
        await AdvanceAsync(TimeSpan.FromSeconds(2)); // the timer fires

        Assert.Equal(3, _jobs.States.Count);
        Assert.Single(_jobs.Changes);
        Assert.Equal(4, _jobs.Calls.Count);
        Assert.All(_jobs.Calls, call => Assert.True(call.OnStorageThread && !call.OnThreadPool, $"{call.Method} ran on {(call.OnThreadPool ? "the thread pool" : "another thread")}"));
    }

    [Fact]
    public async Task In_memory_the_calls_stay_on_the_callers_thread()
    {
        var scheduler = Scheduler(JobStorageKind.InMemory);

        await scheduler.ScheduleAsync("T1", ChannelSync, _clock.GetUtcNow(), CancellationToken.None);

        Assert.False(Assert.Single(_jobs.Calls).OnStorageThread);
    }

    public void Dispose()
    {
        foreach (var owned in _owned)
            owned.Dispose();
        _threads.Dispose();
        _storage.Dispose();
    }

    /// <summary>Moves the clock, then waits until what the fired timers handed to the storage threads has run.</summary>
    private async Task AdvanceAsync(TimeSpan by)
    {
        _clock.Advance(by);
        await _threads.WhenIdleAsync();
    }

    private HangfireJobScheduler Scheduler(JobStorageKind kind, double leaseSeconds = 5)
    {
        // The storage is created lazily and never here: the scheduler only asks whether it is shared, and its lease.
        var options = new JobsOptions { Storage = kind, Redis = { LockLeaseSeconds = leaseSeconds } };
        var host = new HostJobStorage(Options.Create(options), NullLoggerFactory.Instance);
        var scheduler = new HangfireJobScheduler(_jobs, _storage, host, new WaitingJobs(_clock), _threads, _clock, NullLogger<HangfireJobScheduler>.Instance);
        _owned.Add(scheduler);
        _owned.Add(host);
        return scheduler;
    }

    /// <summary>The job client as Hangfire's extension methods call it: every created job's initial state, in order.</summary>
    private sealed class RecordingJobClient : IBackgroundJobClient
    {
        public List<IState> States { get; } = [];

        public List<Job> Jobs { get; } = [];

        public List<(string JobId, IState State, string? From)> Changes { get; } = [];

        public bool FailNext { get; set; }

        /// <summary>Every call, and the kind of thread it came on.</summary>
        public List<(string Method, bool OnStorageThread, bool OnThreadPool)> Calls { get; } = [];

        public string? Create(Job job, IState state)
        {
            lock (Calls)
                Calls.Add((nameof(Create), JobStorageThreads.IsCurrent, Thread.CurrentThread.IsThreadPoolThread));
            if (FailNext)
            {
                FailNext = false;
                throw new InvalidOperationException("job storage unavailable");
            }
            lock (States)
            {
                States.Add(state);
                Jobs.Add(job);
            }
            return States.Count.ToString(System.Globalization.CultureInfo.InvariantCulture);
        }

        public bool ChangeState(string jobId, IState state, string? expectedState)
        {
            lock (Calls)
                Calls.Add((nameof(ChangeState), JobStorageThreads.IsCurrent, Thread.CurrentThread.IsThreadPoolThread));
            if (FailNext)
            {
                FailNext = false;
                throw new InvalidOperationException("job storage unavailable");
            }
            Changes.Add((jobId, state, expectedState));
            return true;
        }
    }
}
