using IncidentBot.Dialogs.Incidents;
using IncidentBot.Dialogs.Platform;
using IncidentBot.Storage.Spool;
using Microsoft.Data.Sqlite;

namespace IncidentBot.IntegrationTests.Storage.Spool;

/// <summary>
/// The spool fills when the bot is overloaded: then many declarations are kept at once, and each
/// must be durable before its person is told so, without writers timing out on each other.
/// </summary>
public sealed class SpoolGroupCommitTests(SqliteStoreFile file) : IClassFixture<SqliteStoreFile>, IDisposable
{
    private static readonly DateTimeOffset Start = new(2026, 3, 1, 9, 0, 0, TimeSpan.Zero);

    private readonly CancellationTokenSource _timeout = new(TimeSpan.FromSeconds(60));
    private readonly SqliteDeclarationSpool _spool = new(Path.Combine(file.Directory, Guid.NewGuid().ToString("N") + ".db"));

    public void Dispose()
    {
        _spool.Dispose();
        _timeout.Dispose();
    }

    [Fact]
    public async Task Three_hundred_declarations_kept_at_once_are_all_stored_with_their_reply_addresses()
    {
        const int count = 300;
        // Each keeps its row, then attaches where to answer, as a Teams turn does right after being told "being recorded".
        await Task.WhenAll(Enumerable.Range(0, count).Select(i => Task.Run(async () =>
        {
            await _spool.SaveAsync(Pending($"teams-activity:{i}", Start.AddMilliseconds(i)), _timeout.Token);
            await _spool.AttachReplyAddressAsync($"teams-activity:{i}", $"reply-{i}", _timeout.Token);
        })));

        var kept = await _spool.ListAsync(_timeout.Token);
        Assert.Equal(count, kept.Count);
        Assert.All(kept, p => Assert.Equal("reply-" + p.DeliveryKey["teams-activity:".Length..], p.ReplyAddress));
    }

    [Fact]
    public async Task A_write_that_fails_fails_only_its_own_caller_not_the_others_grouped_with_it()
    {
        var path = Path.Combine(file.Directory, Guid.NewGuid().ToString("N") + ".db");
        var writer = new SpoolWriter(async token =>
        {
            var connection = new SqliteConnection($"Data Source={path}");
            await connection.OpenAsync(token);
            return connection;
        });
        await writer.WriteAsync("CREATE TABLE IF NOT EXISTS t (k TEXT PRIMARY KEY)");

        var writes = Enumerable.Range(0, 50)
            .Select(i => writer.WriteAsync(i == 25 ? "INSERT INTO missing_table (k) VALUES ($k)" : "INSERT INTO t (k) VALUES ($k)", ("$k", $"k{i}")))
            .ToList();
        await Task.WhenAll(writes.Select(w => w.ContinueWith(_ => { }, TaskScheduler.Default)));

        var failed = writes.Where(w => w.IsFaulted).ToList();
        Assert.Same(writes[25], Assert.Single(failed));
        Assert.IsType<SqliteException>(failed[0].Exception!.GetBaseException());
    }

    [Fact]
    public async Task Failures_are_counted_and_the_row_set_aside_after_the_last_try()
    {
        await _spool.SaveAsync(Pending("slack-trigger:9", Start), _timeout.Token);

        var setAside = new List<bool>();
        for (var i = 0; i < SqliteDeclarationSpool.MaxAttempts; i++)
            setAside.Add(await _spool.RecordFailureAsync("slack-trigger:9", "400 invalid_blocks", Start.AddMinutes(i), _timeout.Token));

        Assert.Equal([.. Enumerable.Repeat(false, SqliteDeclarationSpool.MaxAttempts - 1), true], setAside);
        Assert.Empty(await _spool.ListAsync(_timeout.Token));
        Assert.Equal(1, await _spool.CountSetAsideAsync(_timeout.Token));
        await _spool.RemoveAsync("slack-trigger:9", _timeout.Token);
        Assert.Equal(0, await _spool.CountSetAsideAsync(_timeout.Token));
    }

    private static PendingDeclaration Pending(string key, DateTimeOffset at) => new()
    {
        WorkspaceId = "T0SPOOL",
        Platform = PlatformId.Teams,
        Reporter = new UserId("29:reporter"),
        Draft = new IncidentDraft { Title = "Trend flagged in Bhojpuri", Severity = Severity.Sev2, Markets = ["IN"] },
        DeliveryKey = key,
        DeclaredAt = at,
    };
}
