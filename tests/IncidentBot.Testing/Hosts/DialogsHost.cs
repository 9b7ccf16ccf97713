using IncidentBot.Dialogs;
using IncidentBot.Dialogs.Incidents;
using IncidentBot.Dialogs.Platform;
using IncidentBot.Dialogs.Storage;
using IncidentBot.Dialogs.Work;
using IncidentBot.Storage;
using IncidentBot.Testing.Fakes;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;

namespace IncidentBot.Testing.Hosts;

/// <summary>
/// The incident logic (<c>AddIncidentDialogs</c>) without a web host: the embedded store in a
/// temporary file (the real store, not a look-alike, so ETags, batches, queries and expiry behave
/// as in production, on the host's clock), a <see cref="FakeTimeProvider"/>, a <see cref="RecordingChatPlatform"/> and a
/// <see cref="RecordingJobScheduler"/>. For unit tests of work handlers, which call
/// <see cref="IWorkHandler.RunAsync"/> directly, and for arranging their state through the
/// domain's own services.
/// </summary>
public sealed class DialogsHost : IAsyncDisposable
{
    /// <summary>A Tuesday morning, in working hours in Dublin (the default time zone), two days after the builders' incidents were declared.</summary>
    public static readonly DateTimeOffset Start = new(2026, 3, 3, 10, 0, 0, TimeSpan.Zero);

    private readonly string _directory = Path.Combine(Path.GetTempPath(), "incidentbot-dialogs-" + Guid.NewGuid().ToString("N"));
    private readonly ServiceProvider _services;

    public DialogsHost(Action<IServiceCollection>? configure = null)
    {
        var services = new ServiceCollection();
        services.AddLogging(logging => logging.SetMinimumLevel(LogLevel.Warning));
        services.AddSingleton<TimeProvider>(Clock);
        services.AddIncidentDialogs();
        services.AddSingleton<IChatPlatform>(Chat);
        services.AddSingleton<IJobScheduler>(Jobs);
        // The host's own storage registration: the embedded store and its trend store, on a file of this host's.
        var storage = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?> { ["Storage:Path"] = Path.Combine(_directory, "incidents.db") })
            .Build();
        services.AddIncidentStorage(storage);
        configure?.Invoke(services);
        _services = services.BuildServiceProvider();
    }

    public ObservableTimeProvider Clock { get; } = new(Start);

    public RecordingChatPlatform Chat { get; } = new();

    public RecordingJobScheduler Jobs { get; } = new();

    public IServiceProvider Services => _services;

    public IDocumentStore Documents => Get<IDocumentStore>();

    public T Get<T>()
        where T : notnull => _services.GetRequiredService<T>();

    /// <summary>The registered work handler of that class.</summary>
    public T Handler<T>()
        where T : IWorkHandler => _services.GetServices<IWorkHandler>().OfType<T>().Single();

    /// <summary>Runs one handler on one target, as the dispatcher would once its work item is due.</summary>
    public Task<WorkOutcome> RunAsync<T>(WorkspaceId workspace, string targetId)
        where T : IWorkHandler => Handler<T>().RunAsync(workspace, targetId, CancellationToken.None);

    /// <summary>
    /// Runs every stored work item of the workspace that is due by <see cref="Clock"/> through the
    /// <see cref="WorkDispatcher"/>, as the job server would, until none is due; fails if work keeps
    /// becoming due (a handler rescheduling itself for now) rather than loop forever.
    /// </summary>
    /// <returns>How many work items ran.</returns>
    public async Task<int> RunDueWorkAsync(WorkspaceId workspace)
    {
        var dispatcher = Get<WorkDispatcher>();
        var ran = 0;
        for (var round = 0; round < 50; round++)
        {
            var query = new DocumentQuery(workspace.Value, WorkItem.DocumentType).Where(WorkItem.Paths.DueAt, FilterOperator.LessThanOrEqual, Clock.GetUtcNow());
            var due = new List<WorkItem>();
            await foreach (var item in Documents.QueryAsync<WorkItem>(query, CancellationToken.None))
            {
                if (!item.Value.IsSetAside)
                    due.Add(item.Value);
            }
            if (due.Count == 0)
                return ran;
            foreach (var item in due)
                await dispatcher.RunAsync(workspace.Value, item.Id, CancellationToken.None);
            ran += due.Count;
        }
        throw new InvalidOperationException("Work kept becoming due after 50 rounds; a handler is rescheduling itself for now.");
    }

    /// <summary>
    /// Waits for <paramref name="work"/> that pauses on <see cref="Clock"/> for <paramref name="pause"/> at a time (a
    /// digest round's slices), moving the clock on by the pause each time the work starts one; fails rather than wait
    /// forever.
    /// </summary>
    /// <returns>How many pauses the work took.</returns>
    public async Task<int> AdvanceThroughPausesAsync(Task work, TimeSpan pause, int maxPauses = 50)
    {
        ArgumentNullException.ThrowIfNull(work);
        var pauses = 0;
        while (!work.IsCompleted)
        {
            if (pauses == maxPauses)
                throw new InvalidOperationException($"The work was still running after {maxPauses} pauses of {pause}.");
            var paused = Clock.WaitForTimerAsync(pause, pauses + 1);
            if (await Task.WhenAny(work, paused) == work)
                break;
            await paused;
            Clock.Advance(pause);
            pauses++;
        }
        await work;
        return pauses;
    }

    /// <summary>The stored work items of the workspace, for assertions on what was planned.</summary>
    public async Task<IReadOnlyList<WorkItem>> WorkAsync(WorkspaceId workspace)
    {
        var items = new List<WorkItem>();
        await foreach (var item in Documents.QueryAsync<WorkItem>(new DocumentQuery(workspace.Value, WorkItem.DocumentType), CancellationToken.None))
            items.Add(item.Value);
        return items;
    }

    /// <summary>The stored work and every chat call, for a failing test's message.</summary>
    public async Task<string> DescribeAsync(WorkspaceId workspace)
    {
        var work = (await WorkAsync(workspace)).Select(w => $"{w.Kind} {w.TargetId} due {w.DueAt:O} attempts {w.Attempts} {w.LastError}");
        var calls = Chat.Calls.Select(c => $"{c.Method} {c.Channel?.Value}{c.User?.Value} {c.Content}");
        return $"Now {Clock.GetUtcNow():O}.\nStored work:\n  {string.Join("\n  ", work)}\nChat calls:\n  {string.Join("\n  ", calls)}";
    }

    public async ValueTask DisposeAsync()
    {
        await _services.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(_directory, recursive: true);
        }
        catch (DirectoryNotFoundException)
        {
        }
    }
}
