using IncidentBot.Dialogs;
using IncidentBot.Dialogs.Channels;
using IncidentBot.Dialogs.Incidents;
using IncidentBot.Dialogs.Platform;
using IncidentBot.Dialogs.Storage;
using IncidentBot.Dialogs.Work;
using IncidentBot.Storage.Spool;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

namespace IncidentBot.IntegrationTests.Storage.Spool;

/// <summary>
/// Declares the store cannot take go to the spool, and storing them later declares each
/// exactly once — including when the first attempt stored the incident but lost its answer.
/// </summary>
public sealed class DeclarationSpoolTests(SqliteStoreFile file) : IClassFixture<SqliteStoreFile>, IDisposable
{
    private static readonly DateTimeOffset Start = new(2026, 3, 1, 9, 0, 0, TimeSpan.Zero);

    private readonly FakeTimeProvider _clock = new(Start);
    private readonly CancellationTokenSource _timeout = new(TimeSpan.FromSeconds(30));
    private readonly string _workspace = "T" + Guid.NewGuid().ToString("N")[..12].ToUpperInvariant();
    private readonly Lazy<SqliteDeclarationSpool> _spool = new(() => new SqliteDeclarationSpool(Path.Combine(file.Directory, Guid.NewGuid().ToString("N") + ".db")));

    private CancellationToken Token => _timeout.Token;

    private SqliteDeclarationSpool Spool => _spool.Value;

    public void Dispose()
    {
        if (_spool.IsValueCreated)
            _spool.Value.Dispose();
        _timeout.Dispose();
    }

    [Fact]
    public async Task A_declare_the_store_refuses_is_kept_in_the_spool_and_the_person_told_nothing_was_lost()
    {
        using var real = file.Open(_clock);
        var store = new ScriptedStore(real) { BeforeWrite = (_, _, _) => throw new StoreUnavailableException("down") };

        var result = await Declarer(store).DeclareAsync(new WorkspaceId(_workspace), PlatformId.Slack, new UserId("U0REP"), Draft("Takedown order"), "slack-trigger:1", Token);

        Assert.Equal(IncidentDeclarer.PendingCode, result.Error?.Code);
        Assert.Contains("being recorded — nothing was lost", result.Error!.Message.ToPlainText(), StringComparison.Ordinal);
        var kept = Assert.Single(await Spool.ListAsync(Token));
        Assert.Equal(("slack-trigger:1", "Takedown order", Start), (kept.DeliveryKey, kept.Draft.Title, kept.DeclaredAt));
    }

    [Fact]
    public async Task A_declare_whose_store_is_slow_is_kept_in_the_spool_and_its_write_still_lands_once()
    {
        using var real = file.Open(_clock);
        var entered = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var landed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var store = new ScriptedStore(real)
        {
            BeforeWrite = async (_, _, _) =>
            {
                entered.TrySetResult();
                await release.Task; // answers only when the test says so, long after the person's wait
            },
            AfterCommit = _ =>
            {
                landed.TrySetResult();
                return Task.CompletedTask;
            },
        };

        var declaring = Declarer(store).DeclareAsync(new WorkspaceId(_workspace), PlatformId.Slack, new UserId("U0REP"), Draft("Slow store"), "slack-trigger:2", Token);
        await entered.Task.WaitAsync(Token);
        _clock.Advance(IncidentDeclarer.StoreBudget);
        var result = await declaring.WaitAsync(Token);
        var kept = Assert.Single(await Spool.ListAsync(Token));
        release.SetResult();
        await landed.Task.WaitAsync(Token);
        var stored = await Declarer(real).DeclareSpooledAsync(kept, Token);

        Assert.Equal(IncidentDeclarer.PendingCode, result.Error?.Code);
        Assert.True(stored.Value.IsRepeat);
        Assert.Equal(1, stored.Value.Incident.Number);
        Assert.Equal(1, await real.CountAsync(new DocumentQuery(_workspace, Incident.DocumentType), Token));
    }

    [Fact]
    public async Task A_spooled_declare_whose_first_write_committed_but_lost_its_answer_is_found_not_declared_again()
    {
        using var real = file.Open(_clock);
        var store = new ScriptedStore(real) { AfterCommit = _ => throw new StoreUnavailableException("the answer was lost") };
        var first = await Declarer(store).DeclareAsync(new WorkspaceId(_workspace), PlatformId.Slack, new UserId("U0REP"), Draft("Lost answer"), "slack-trigger:3", Token);
        Assert.Equal(IncidentDeclarer.PendingCode, first.Error?.Code);
        var kept = Assert.Single(await Spool.ListAsync(Token));

        var stored = await Declarer(real).DeclareSpooledAsync(kept, Token);
        var again = await Declarer(real).DeclareSpooledAsync(kept, Token);

        Assert.True(stored.Value.IsRepeat);
        Assert.Equal(1, stored.Value.Incident.Number);
        Assert.Equal(1, again.Value.Incident.Number);
        Assert.Equal(1, await real.CountAsync(new DocumentQuery(_workspace, Incident.DocumentType), Token));
        // The work the declaration asked for went in with it: nothing is left to finish.
        Assert.NotNull(await real.ReadAsync<WorkItem>(_workspace, WorkItem.IdFor(ChannelSyncWork.WorkKind, "inc-1"), Token));
    }

    [Fact]
    public async Task A_spooled_declare_stored_twice_declares_one_incident_with_the_time_it_was_declared()
    {
        using var real = file.Open(_clock);
        var down = new ScriptedStore(real) { BeforeWrite = (_, _, _) => throw new StoreUnavailableException("down") };
        await Declarer(down).DeclareAsync(new WorkspaceId(_workspace), PlatformId.Slack, new UserId("U0REP"), Draft("Outage declare"), "slack-trigger:4", Token);
        var kept = Assert.Single(await Spool.ListAsync(Token));
        _clock.Advance(TimeSpan.FromMinutes(5));

        var first = await Declarer(real).DeclareSpooledAsync(kept, Token);
        var second = await Declarer(real).DeclareSpooledAsync(kept, Token);

        Assert.False(first.Value.IsRepeat);
        Assert.True(second.Value.IsRepeat);
        Assert.Equal(first.Value.Incident.Number, second.Value.Incident.Number);
        Assert.Equal(Start, first.Value.Incident.DeclaredAt);
        Assert.Equal(1, await real.CountAsync(new DocumentQuery(_workspace, Incident.DocumentType), Token));
    }

    [Fact]
    public async Task A_poisoned_spool_row_is_set_aside_after_five_tries_and_never_blocks_the_declaration_behind_it()
    {
        using var real = file.Open(_clock);
        // The store refuses one declaration for good (say a 400 from Cosmos DB) and takes every other one.
        var store = new ScriptedStore(real)
        {
            BeforeWrite = (_, document, _) => document is Incident { Title: "Poisoned" }
                ? throw new InvalidOperationException("Cosmos DB rejected batch (HTTP 400)")
                : Task.CompletedTask,
        };
        await Spool.SaveAsync(Pending("slack-trigger:poison", "Poisoned", Start), Token);
        await Spool.SaveAsync(Pending("slack-trigger:behind", "Behind it", Start.AddSeconds(1)), Token);
        var job = new StoreSpooledDeclaresJob(Spool, Declarer(store), new Outbox(new DocumentWriter(real), new WorkQueue(real, new NoJobs(), _clock)),
            _clock, NullLogger<StoreSpooledDeclaresJob>.Instance);

        await job.RunAsync(Token);
        var behind = await real.QueryAsync<Incident>(new DocumentQuery(_workspace, Incident.DocumentType), Token).ToListAsync(Token);
        for (var run = 2; run <= SqliteDeclarationSpool.MaxAttempts; run++)
            await job.RunAsync(Token);

        Assert.Equal(["Behind it"], behind.Select(i => i.Value.Title));
        Assert.Equal(0, await Spool.CountAsync(Token));
        Assert.Equal(1, await Spool.CountSetAsideAsync(Token));
    }

    [Fact]
    public async Task The_spool_keeps_a_delivery_once_and_across_reopening_the_file()
    {
        var declaration = new PendingDeclaration
        {
            WorkspaceId = _workspace,
            Platform = PlatformId.Slack,
            Reporter = new UserId("U0REP"),
            Draft = Draft("नेपाल हटाउने आदेश"),
            DeliveryKey = "slack-view:V1",
            DeclaredAt = Start,
        };

        await Spool.SaveAsync(declaration, Token);
        await Spool.SaveAsync(declaration, Token);
        using var reopened = new SqliteDeclarationSpool(Spool.Path);

        var kept = Assert.Single(await reopened.ListAsync(Token));
        Assert.Equal(declaration.Draft.Title, kept.Draft.Title);
        await reopened.RemoveAsync(declaration.DeliveryKey, Token);
        Assert.Equal(0, await Spool.CountAsync(Token));
    }

    private IncidentDeclarer Declarer(IDocumentStore store) =>
        new(new IncidentStore(new DocumentWriter(store)), new IncidentFollowUps(new WorkQueue(store, new NoJobs(), _clock), []),
            new WorkspaceRegistry(store, _clock), _clock, NullLogger<IncidentDeclarer>.Instance, Spool);

    private PendingDeclaration Pending(string key, string title, DateTimeOffset at) => new()
    {
        WorkspaceId = _workspace,
        Platform = PlatformId.Slack,
        Reporter = new UserId("U0REP"),
        Draft = Draft(title),
        DeliveryKey = key,
        DeclaredAt = at,
    };

    private static IncidentDraft Draft(string title) => new() { Title = title, Severity = Severity.Sev1, Markets = ["NP"] };

    private sealed class NoJobs : IJobScheduler
    {
        public Task ScheduleAsync(string workspaceId, string workItemId, DateTimeOffset runAt, CancellationToken cancellationToken) => Task.CompletedTask;
    }
}
