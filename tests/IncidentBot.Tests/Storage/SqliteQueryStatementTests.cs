using IncidentBot.Dialogs.Incidents;
using IncidentBot.Dialogs.Storage;
using IncidentBot.Dialogs.Work;
using IncidentBot.Storage.Embedded;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

namespace IncidentBot.Tests.Storage;

/// <summary>
/// A query's statement is prepared once per reader connection and run again with each query's values: every run
/// sees the rows as they are now, with its own values, whether the one before read to the end, stopped early or ran
/// beside it.
/// </summary>
public sealed class SqliteQueryStatementTests : IAsyncLifetime
{
    private const string Workspace = "T1";

    private readonly string _directory = Path.Combine(Path.GetTempPath(), "incidentbot-tests", Guid.NewGuid().ToString("N"));
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 12, 3, 9, 0, 0, TimeSpan.Zero));
    private SqliteDocumentStore _store = null!;

    public async Task InitializeAsync()
    {
        _store = new SqliteDocumentStore(Path.Combine(_directory, "bot.db"), _clock, NullLogger<SqliteDocumentStore>.Instance);
        await _store.InitializeAsync(default);
    }

    public Task DisposeAsync()
    {
        _store.Dispose();
        Directory.Delete(_directory, recursive: true);
        return Task.CompletedTask;
    }

    [Fact]
    public async Task The_same_query_run_again_sees_new_rows_and_its_own_values()
    {
        await AddAsync("a", minutes: 1);
        await AddAsync("b", minutes: 5);

        Assert.Equal(["a"], await DueBeforeAsync(minutes: 2));
        Assert.Equal(["a", "b"], await DueBeforeAsync(minutes: 10));

        await AddAsync("c", minutes: 3);
        await _store.DeleteAsync(new WorkspaceId(Workspace), WorkItem.IdFor("test", "a"), null, default);

        Assert.Equal(["c"], await DueBeforeAsync(minutes: 4));
        Assert.Equal(["c", "b"], await DueBeforeAsync(minutes: 10)); // ordered by due time
        Assert.Empty(await DueBeforeAsync(minutes: 2));
    }

    [Fact]
    public async Task A_query_stopped_early_or_run_beside_another_leaves_the_next_one_right()
    {
        for (var i = 0; i < 5; i++)
            await AddAsync(i.ToString(System.Globalization.CultureInfo.InvariantCulture), minutes: i + 1);

        // Stopped after the first row: its statement is reset, and the same text runs again from the start.
        await foreach (var first in _store.QueryAsync<WorkItem>(Due(minutes: 10), default))
        {
            Assert.Equal("0", first.Value.TargetId);
            break;
        }
        Assert.Equal(["0", "1", "2", "3", "4"], await DueBeforeAsync(minutes: 10));

        // Two runs of one text at once, each with its own values (two reader connections).
        var outer = new List<string>();
        await foreach (var item in _store.QueryAsync<WorkItem>(Due(minutes: 10), default))
        {
            outer.Add(item.Value.TargetId);
            Assert.Equal(["0", "1"], await DueBeforeAsync(minutes: 3));
        }
        Assert.Equal(["0", "1", "2", "3", "4"], outer);

        // A point read between them shares the readers.
        Assert.NotNull(await _store.ReadAsync<WorkItem>(Workspace, WorkItem.IdFor("test", "4"), default));
        Assert.Equal(["0", "1", "2"], await DueBeforeAsync(minutes: 4));
    }

    private Task<string> AddAsync(string target, int minutes) => _store.UpsertAsync(new WorkItem
    {
        WorkspaceId = Workspace,
        Kind = "test",
        TargetId = target,
        DueAt = _clock.GetUtcNow().AddMinutes(minutes),
        RequestedAt = _clock.GetUtcNow(),
    }, default);

    private DocumentQuery Due(int minutes) =>
        new DocumentQuery(Workspace, WorkItem.DocumentType).Where(WorkItem.Paths.DueAt, FilterOperator.LessThan, _clock.GetUtcNow().AddMinutes(minutes)).OrderedBy(WorkItem.Paths.DueAt);

    private async Task<List<string>> DueBeforeAsync(int minutes) =>
        await _store.QueryAsync<WorkItem>(Due(minutes), default).Select(item => item.Value.TargetId).ToListAsync();
}
