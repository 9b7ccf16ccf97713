using System.Collections.Concurrent;
using Hangfire;
using Hangfire.Common;
using Hangfire.States;
using IncidentBot.Dialogs.Channels;
using IncidentBot.Dialogs.Clocks;
using IncidentBot.Dialogs.Incidents;
using IncidentBot.Dialogs.Paging;
using IncidentBot.Dialogs.Platform;
using IncidentBot.Dialogs.Work;
using IncidentBot.IntegrationTests.Bot;
using IncidentBot.Jobs;
using Microsoft.Extensions.DependencyInjection;

namespace IncidentBot.IntegrationTests.Jobs;

/// <summary>How Hangfire runs stored work: in parallel across items, one at a time per item.</summary>
public sealed class RunWorkJobTests : SlackBotFixture
{
    private readonly GateHandler _gate = new();
    private readonly FlakyHandler _flaky = new();
    private readonly RecordingHandler _recording = new();
    private readonly SerialHandler _serial = new();
    private readonly CreatedJobs _created = new();

    protected override BotHostOptions BotOptions => new()
    {
        Services = s => s
            .AddSingleton<IWorkHandler>(_gate)
            .AddSingleton<IWorkHandler>(_flaky)
            .AddSingleton<IWorkHandler>(_recording)
            .AddSingleton<IWorkHandler>(_serial)
            .AddSingleton(_created)
            .AddSingleton<IBackgroundJobClient>(p => new CountingJobClient(
                new BackgroundJobClient(p.GetRequiredService<JobStorage>(), p.GetRequiredService<IJobFilterProvider>()),
                _created)),
    };

    public override async Task DisposeAsync()
    {
        // A job held at the gate would keep the bot from stopping.
        _gate.Release.TrySetResult();
        _serial.Release.TrySetResult();
        await base.DisposeAsync();
    }

    [Fact]
    public async Task Work_for_different_items_runs_at_the_same_time()
    {
        var (work, workspace) = await KnownWorkspaceAsync();

        await work.RequestAsync(workspace, GateHandler.WorkKind, "first", null, default);
        await work.RequestAsync(workspace, GateHandler.WorkKind, "second", null, default);

        // Both handlers are inside RunAsync at once: neither waits for the other's lock.
        await _gate.BothStarted.Task.WaitAsync(TimeSpan.FromSeconds(30));
        _gate.Release.SetResult();
    }

    [Fact]
    public async Task Requests_for_an_item_whose_job_waits_add_one_job_not_one_each()
    {
        var (work, workspace) = await KnownWorkspaceAsync();
        await work.RequestAsync(workspace, GateHandler.WorkKind, "busy", null, default);
        await _gate.FirstStarted.Task.WaitAsync(TimeSpan.FromSeconds(30));

        // The first run holds the item's lock; five more requests while it runs.
        for (var i = 0; i < 5; i++)
            await work.RequestAsync(workspace, GateHandler.WorkKind, "busy", null, default);

        // The first request's job, and one more that waits for the lock: not one per request.
        Assert.Equal(2, _created.For(WorkItem.IdFor(GateHandler.WorkKind, "busy")));
        _gate.Release.SetResult();
    }

    [Fact]
    public async Task A_failed_run_is_retried_within_seconds_by_this_hosts_policy()
    {
        var (work, workspace) = await KnownWorkspaceAsync();

        await work.RequestAsync(workspace, FlakyHandler.WorkKind, "once", null, default);

        // Hangfire's own default would wait 15 s or more before the first retry.
        await _flaky.SecondRun.Task.WaitAsync(TimeSpan.FromSeconds(10));
    }

    [Fact]
    public async Task Another_host_stopping_in_the_same_process_leaves_this_hosts_jobs_running()
    {
        var otherDatabase = BotApplication.NewDatabasePath();
        var other = new BotApplication(Slack, otherDatabase);
        other.Start().Dispose();
        await other.DisposeAsync();
        BotApplication.DeleteDatabase(otherDatabase);
        var (work, workspace) = await KnownWorkspaceAsync();

        await work.RequestAsync(workspace, FlakyHandler.WorkKind, "after-other-host", null, default);

        await _flaky.SecondRun.Task.WaitAsync(TimeSpan.FromSeconds(10));
    }

    [Fact]
    public async Task Paging_and_clock_work_goes_to_the_urgent_queue_that_workers_take_from_first()
    {
        var (work, workspace) = await KnownWorkspaceAsync();

        await work.RequestAsync(workspace, PagingWork.Escalate, "page-7-sev1-s1-a1", null, default);
        await work.RequestAsync(workspace, ClockAlertWork.WorkKind, "clock-7-in-takedown-order", null, default);
        await work.RequestAsync(workspace, ChannelSyncWork.WorkKind, "inc-7", null, default);

        Assert.Equal(JobQueues.Urgent, _created.QueueOf(WorkItem.IdFor(PagingWork.Escalate, "page-7-sev1-s1-a1")));
        Assert.Equal(JobQueues.Urgent, _created.QueueOf(WorkItem.IdFor(ClockAlertWork.WorkKind, "clock-7-in-takedown-order")));
        Assert.Equal(JobQueues.Default, _created.QueueOf(WorkItem.IdFor(ChannelSyncWork.WorkKind, "inc-7")));
        // Hangfire's workers fetch from the queues in the order the server lists them.
        var server = Assert.Single(Bot.Services.GetRequiredService<JobStorage>().GetMonitoringApi().Servers());
        Assert.Equal([JobQueues.Urgent, JobQueues.Default], server.Queues);
    }

    [Fact]
    public async Task Work_one_change_asks_for_at_once_runs_at_once_without_a_Hangfire_job()
    {
        var (_, workspace) = await KnownWorkspaceAsync();
        var now = Bot.Clock.GetUtcNow();
        var items = new[] { "a", "b", "c" }.Select(target => WorkItem.IdFor(RecordingHandler.WorkKind, target)).ToArray();
        var documents = Bot.Documents;
        foreach (var target in new[] { "a", "b", "c" })
            await documents.UpsertAsync(new WorkItem { WorkspaceId = workspace.Value, Kind = RecordingHandler.WorkKind, TargetId = target, DueAt = now, RequestedAt = now }, default);

        await Bot.Services.GetRequiredService<IJobScheduler>().ScheduleAllAsync([.. items.Select(id => new WorkJob(workspace.Value, id, now))], default);

        await _recording.RanAll("a", "b", "c").WaitAsync(TimeSpan.FromSeconds(30));
        Assert.Equal(0, _created.Together);
        Assert.Equal(0, items.Sum(_created.For));
        // Each item is deleted after its run, as a job of its own would.
        await BoundedPoll.UntilAsync(
            async token => (await Task.WhenAll(items.Select(id => documents.ReadAsync<WorkItem>(workspace.Value, id, token)))).Count(i => i is not null),
            left => left == 0, "the three work items deleted after their runs", TimeSpan.FromSeconds(10));
    }

    [Fact]
    public async Task Work_run_at_once_waits_for_the_lock_a_job_of_the_same_item_holds()
    {
        var (work, workspace) = await KnownWorkspaceAsync();
        var id = WorkItem.IdFor(SerialHandler.WorkKind, "one");
        await work.RequestAsync(workspace, SerialHandler.WorkKind, "one", null, default);
        await _serial.FirstStarted.Task.WaitAsync(TimeSpan.FromSeconds(30));
        Assert.Equal(1, _created.For(id));

        // Asked for again while its job runs (a new request stored, as a change would), then run at once.
        var now = Bot.Clock.GetUtcNow();
        await Bot.Documents.UpsertAsync(new WorkItem { WorkspaceId = workspace.Value, Kind = SerialHandler.WorkKind, TargetId = "one", DueAt = now, RequestedAt = now }, default);
        await Bot.Services.GetRequiredService<IJobScheduler>().ScheduleAllAsync([new WorkJob(workspace.Value, id, now)], default);
        Assert.Equal(1, Bot.Services.GetRequiredService<ImmediateWork>().Pending);

        _serial.Release.SetResult();
        await _serial.SecondRun.Task.WaitAsync(TimeSpan.FromSeconds(30));
        Assert.Equal(1, _serial.MostAtOnce);
        await DueWork.WaitForIdleJobsAsync(Bot.Services);
    }

    [Fact]
    public async Task Stopping_lets_a_run_at_once_finish_rather_than_cancel_it_and_a_stop_after_dispose_does_not_throw()
    {
        var (_, workspace) = await KnownWorkspaceAsync();
        var now = Bot.Clock.GetUtcNow();
        var id = WorkItem.IdFor(GateHandler.WorkKind, "in-flight");
        await Bot.Documents.UpsertAsync(new WorkItem { WorkspaceId = workspace.Value, Kind = GateHandler.WorkKind, TargetId = "in-flight", DueAt = now, RequestedAt = now }, default);
        await Bot.Services.GetRequiredService<IJobScheduler>().ScheduleAllAsync([new WorkJob(workspace.Value, id, now)], default);
        await _gate.FirstStarted.Task.WaitAsync(TimeSpan.FromSeconds(30));
        var immediate = Bot.Services.GetRequiredService<ImmediateWork>();

        // A run cancelled half-way would leave what it holds (a channel sync's lease) for minutes after a restart.
        var stopping = immediate.StopAsync(CancellationToken.None);
        Assert.False(stopping.IsCompleted);
        _gate.Release.SetResult();
        await stopping.WaitAsync(TimeSpan.FromSeconds(30));
        // Finished, not cancelled: the dispatcher deleted the item after the handler returned.
        Assert.Null(await Bot.Documents.ReadAsync<WorkItem>(workspace.Value, id, default));

        // A host may dispose its services before it stops them.
        immediate.Dispose();
        await immediate.StopAsync(CancellationToken.None);
        immediate.Start(workspace.Value, JobQueues.Default, [id]);
        Assert.Equal(0, immediate.Pending);
    }

    [Fact]
    public async Task A_failing_item_in_a_shared_job_leaves_the_others_running_and_is_retried()
    {
        var (_, workspace) = await KnownWorkspaceAsync();
        var now = Bot.Clock.GetUtcNow();
        await Bot.Documents.UpsertAsync(new WorkItem { WorkspaceId = workspace.Value, Kind = FlakyHandler.WorkKind, TargetId = "shared", DueAt = now, RequestedAt = now }, default);
        await Bot.Documents.UpsertAsync(new WorkItem { WorkspaceId = workspace.Value, Kind = RecordingHandler.WorkKind, TargetId = "after-flaky", DueAt = now, RequestedAt = now }, default);

        await Bot.Services.GetRequiredService<IJobScheduler>().ScheduleAllAsync(
            [new WorkJob(workspace.Value, WorkItem.IdFor(FlakyHandler.WorkKind, "shared"), now), new WorkJob(workspace.Value, WorkItem.IdFor(RecordingHandler.WorkKind, "after-flaky"), now)],
            default);

        await _recording.RanAll("after-flaky").WaitAsync(TimeSpan.FromSeconds(30));
        await _flaky.SecondRun.Task.WaitAsync(TimeSpan.FromSeconds(10));
    }

    /// <summary>The work queue, and a workspace the reconciler knows (as one that has declared would be).</summary>
    private async Task<(WorkQueue Work, WorkspaceId Workspace)> KnownWorkspaceAsync()
    {
        var workspace = new WorkspaceId("T0JOBS");
        await Bot.Services.GetRequiredService<WorkspaceRegistry>().EnsureAsync(workspace, PlatformId.Slack, default);
        return (Bot.Services.GetRequiredService<WorkQueue>(), workspace);
    }

    /// <summary>How many jobs were created per work item id (a job's second argument).</summary>
    private sealed class CreatedJobs
    {
        private readonly ConcurrentDictionary<string, int> _counts = new(StringComparer.Ordinal);
        private readonly ConcurrentDictionary<string, string?> _queues = new(StringComparer.Ordinal);

        private int _together;

        /// <summary>Jobs that run several work items.</summary>
        public int Together => Volatile.Read(ref _together);

        public void Add(Job job, IState state)
        {
            if (job.Method.Name == nameof(RunWorkJob.RunTogetherAsync))
                Interlocked.Increment(ref _together);
            if (job.Args is [_, string workItemId, ..])
            {
                _counts.AddOrUpdate(workItemId, 1, (_, count) => count + 1);
                _queues[workItemId] = job.Queue ?? (state as EnqueuedState)?.Queue;
            }
        }

        public int For(string workItemId) => _counts.GetValueOrDefault(workItemId);

        public string? QueueOf(string workItemId) => _queues.GetValueOrDefault(workItemId);
    }

    /// <summary>The host's real job client, counting what it creates.</summary>
    private sealed class CountingJobClient(IBackgroundJobClient inner, CreatedJobs created) : IBackgroundJobClient
    {
        public string Create(Job job, IState state)
        {
            created.Add(job, state);
            return inner.Create(job, state);
        }

        public bool ChangeState(string jobId, IState state, string expectedState) => inner.ChangeState(jobId, state, expectedState);
    }

    /// <summary>Fails its first run and succeeds the next.</summary>
    private sealed class FlakyHandler : IWorkHandler
    {
        public const string WorkKind = "test-flaky";
        private int _runs;

        public TaskCompletionSource SecondRun { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public string Kind => WorkKind;

        public Task<WorkOutcome> RunAsync(WorkspaceId workspace, string targetId, CancellationToken cancellationToken)
        {
            if (Interlocked.Increment(ref _runs) == 1)
                throw new InvalidOperationException("The first run fails, as a Slack outage would.");
            SecondRun.TrySetResult();
            return Task.FromResult(WorkOutcome.Done);
        }
    }

    /// <summary>Remembers the targets it ran.</summary>
    private sealed class RecordingHandler : IWorkHandler
    {
        public const string WorkKind = "test-record";
        private readonly ConcurrentDictionary<string, TaskCompletionSource> _ran = new(StringComparer.Ordinal);

        public string Kind => WorkKind;

        public Task RanAll(params string[] targets) => Task.WhenAll(targets.Select(t => Ran(t).Task));

        public Task<WorkOutcome> RunAsync(WorkspaceId workspace, string targetId, CancellationToken cancellationToken)
        {
            Ran(targetId).TrySetResult();
            return Task.FromResult(WorkOutcome.Done);
        }

        private TaskCompletionSource Ran(string target) => _ran.GetOrAdd(target, _ => new(TaskCreationOptions.RunContinuationsAsynchronously));
    }

    /// <summary>Holds its first run until released; counts how many of its runs were ever inside at once.</summary>
    private sealed class SerialHandler : IWorkHandler
    {
        public const string WorkKind = "test-serial";
        private int _inside;
        private int _mostAtOnce;
        private int _runs;

        public TaskCompletionSource FirstStarted { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public TaskCompletionSource SecondRun { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public TaskCompletionSource Release { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public int MostAtOnce => Volatile.Read(ref _mostAtOnce);

        public string Kind => WorkKind;

        public async Task<WorkOutcome> RunAsync(WorkspaceId workspace, string targetId, CancellationToken cancellationToken)
        {
            var inside = Interlocked.Increment(ref _inside);
            InterlockedMax(ref _mostAtOnce, inside);
            try
            {
                if (Interlocked.Increment(ref _runs) == 1)
                {
                    FirstStarted.TrySetResult();
                    await Release.Task.WaitAsync(cancellationToken);
                }
                else
                {
                    SecondRun.TrySetResult();
                }
                return WorkOutcome.Done;
            }
            finally
            {
                Interlocked.Decrement(ref _inside);
            }
        }

        private static void InterlockedMax(ref int location, int value)
        {
            int seen;
            while ((seen = Volatile.Read(ref location)) < value && Interlocked.CompareExchange(ref location, value, seen) != seen)
            {
            }
        }
    }

    private sealed class GateHandler : IWorkHandler
    {
        public const string WorkKind = "test-gate";
        private int _started;

        public TaskCompletionSource FirstStarted { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public TaskCompletionSource BothStarted { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public TaskCompletionSource Release { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public string Kind => WorkKind;

        public async Task<WorkOutcome> RunAsync(WorkspaceId workspace, string targetId, CancellationToken cancellationToken)
        {
            var started = Interlocked.Increment(ref _started);
            FirstStarted.TrySetResult();
            if (started == 2)
                BothStarted.TrySetResult();
            await Release.Task.WaitAsync(cancellationToken);
            return WorkOutcome.Done;
        }
    }
}
