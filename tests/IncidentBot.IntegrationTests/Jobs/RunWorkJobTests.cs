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
    private FakeSlackServer _slack = null!;
    private BotApplication _bot = null!;

    public async Task InitializeAsync()
    {
        _slack = await FakeSlackServer.StartAsync();
        _bot = new BotApplication(_slack, _database, services: s => s.AddSingleton<IWorkHandler>(_gate));
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

    private sealed class GateHandler : IWorkHandler
    {
        public const string WorkKind = "test-gate";
        private int _started;

        public TaskCompletionSource BothStarted { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public TaskCompletionSource Release { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public string Kind => WorkKind;

        public async Task<WorkOutcome> RunAsync(WorkspaceId workspace, string targetId, CancellationToken cancellationToken)
        {
            if (Interlocked.Increment(ref _started) == 2)
                BothStarted.TrySetResult();
            await Release.Task.WaitAsync(cancellationToken);
            return WorkOutcome.Done;
        }
    }
}
