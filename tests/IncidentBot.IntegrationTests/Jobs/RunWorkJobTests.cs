using Hangfire;
using IncidentBot.Dialogs.Incidents;
using IncidentBot.Dialogs.Work;
using IncidentBot.IntegrationTests.Bot;
using IncidentBot.IntegrationTests.Fakes;
using Microsoft.Extensions.DependencyInjection;

namespace IncidentBot.IntegrationTests.Jobs;

/// <summary>How Hangfire runs stored work: in parallel across items, one at a time per item.</summary>
public sealed class RunWorkJobTests : IAsyncLifetime
{
    private readonly string _database = BotApplication.NewDatabasePath();
    private readonly GateHandler _gate = new();
    private readonly FlakyHandler _flaky = new();
    private FakeSlackServer _slack = null!;
    private BotApplication _bot = null!;

    public async Task InitializeAsync()
    {
        _slack = await FakeSlackServer.StartAsync();
        _bot = new BotApplication(_slack, _database, services: s => s.AddSingleton<IWorkHandler>(_gate).AddSingleton<IWorkHandler>(_flaky));
        _bot.Start().Dispose();
    }

    public async Task DisposeAsync()
    {
        _gate.Release.TrySetResult();
        await _bot.DisposeAsync();
        await _slack.DisposeAsync();
        BotApplication.DeleteDatabase(_database);
    }

    [Fact]
    public async Task Work_for_different_items_runs_at_the_same_time()
    {
        var work = _bot.Services.GetRequiredService<WorkQueue>();
        var workspace = new WorkspaceId("T0JOBS");
        await _bot.Services.GetRequiredService<WorkspaceRegistry>().EnsureAsync(workspace.Value, "slack", default);

        await work.RequestAsync(workspace, GateHandler.WorkKind, "first", null, default);
        await work.RequestAsync(workspace, GateHandler.WorkKind, "second", null, default);

        // Both handlers are inside RunAsync at once: neither waits for the other's lock.
        await _gate.BothStarted.Task.WaitAsync(TimeSpan.FromSeconds(30));
        _gate.Release.SetResult();
    }

    [Fact]
    public async Task Requests_for_an_item_whose_job_waits_add_one_job_not_one_each()
    {
        var work = _bot.Services.GetRequiredService<WorkQueue>();
        var monitor = _bot.Services.GetRequiredService<JobStorage>().GetMonitoringApi();
        var workspace = new WorkspaceId("T0JOBS");
        await _bot.Services.GetRequiredService<WorkspaceRegistry>().EnsureAsync(workspace.Value, "slack", default);
        await work.RequestAsync(workspace, GateHandler.WorkKind, "busy", null, default);
        await _gate.FirstStarted.Task.WaitAsync(TimeSpan.FromSeconds(30));

        // The first run holds the item's lock; five more requests while it runs.
        for (var i = 0; i < 5; i++)
            await work.RequestAsync(workspace, GateHandler.WorkKind, "busy", null, default);

        // One job waits for the lock (Processing, blocked) and nothing else was enqueued.
        for (var polls = 0; polls < 200 && (monitor.ProcessingCount() < 2 || monitor.EnqueuedCount("default") > 0); polls++)
            await Task.Delay(50);
        Assert.Equal(2, monitor.ProcessingCount());
        Assert.Equal(0, monitor.EnqueuedCount("default"));
        _gate.Release.SetResult();
    }

    [Fact]
    public async Task A_failed_run_is_retried_within_seconds_by_this_hosts_policy()
    {
        var work = _bot.Services.GetRequiredService<WorkQueue>();
        var workspace = new WorkspaceId("T0JOBS");
        await _bot.Services.GetRequiredService<WorkspaceRegistry>().EnsureAsync(workspace.Value, "slack", default);

        await work.RequestAsync(workspace, FlakyHandler.WorkKind, "once", null, default);

        // Hangfire's own default would wait 15 s or more before the first retry.
        await _flaky.SecondRun.Task.WaitAsync(TimeSpan.FromSeconds(10));
    }

    [Fact]
    public async Task Another_host_stopping_in_the_same_process_leaves_this_hosts_jobs_running()
    {
        var otherDatabase = BotApplication.NewDatabasePath();
        var other = new BotApplication(_slack, otherDatabase);
        other.Start().Dispose();
        await other.DisposeAsync();
        BotApplication.DeleteDatabase(otherDatabase);
        var work = _bot.Services.GetRequiredService<WorkQueue>();
        var workspace = new WorkspaceId("T0JOBS");
        await _bot.Services.GetRequiredService<WorkspaceRegistry>().EnsureAsync(workspace.Value, "slack", default);

        await work.RequestAsync(workspace, FlakyHandler.WorkKind, "after-other-host", null, default);

        await _flaky.SecondRun.Task.WaitAsync(TimeSpan.FromSeconds(10));
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
