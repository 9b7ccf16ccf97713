using System.Globalization;
using System.Net;
using System.Text.Json.Nodes;
using IncidentBot.Dialogs.Incidents;
using IncidentBot.IntegrationTests.Builders;
using IncidentBot.Storage.Embedded;
using IncidentBot.Testing.Hosts;
using Microsoft.Data.Sqlite;

namespace IncidentBot.IntegrationTests.Intake;

/// <summary>
/// A single report and an e-mailed order write as urgent at the embedded store's write gate: their
/// write goes before a burst of background writes queued before them. Queued first-come, it would go
/// after every one of the burst. The test holds the gate while both queue, and reads the order the rows
/// were committed in from the file (row ids grow with each insert), so the outcome does not depend on
/// how fast the machine drains the burst or delivers the answer: counting the burst's writes done when
/// the answer arrived failed once on a loaded machine, where the writer drained all 4,000 while the
/// answer waited for a thread.
/// </summary>
public sealed class IntakePriorityTests(IntakeBot bot) : IClassFixture<IntakeBot>, IAsyncLifetime
{
    /// <summary>A queue long enough that first-come order would put the request's write far behind.</summary>
    private const int BackgroundWrites = 1_000;

    private const string Elsewhere = "T0BACKGROUND";

    /// <summary>
    /// One report and one order first, untimed: on a loaded machine the first request's compiling and loading take
    /// longer than the burst, which would then be gone before the request reached the store.
    /// </summary>
    public async Task InitializeAsync()
    {
        using var report = await bot.PostAsync(IncidentSource.Trending, IntakeBot.Report(trendKey: "#warm-" + IntakeBot.NewId()));
        using var order = await bot.PostRawAsync("/api/intake/email?market=IN", Order(), IntakeBot.RegulatorKey, "message/rfc822");
        Assert.Equal(HttpStatusCode.Accepted, report.StatusCode);
        Assert.Equal(HttpStatusCode.Accepted, order.StatusCode);
    }

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task A_single_report_is_answered_before_background_writes_queued_ahead_of_it()
    {
        var (burst, message) = await QueueBurstThenSendAsync(() =>
            bot.PostAsync(IncidentSource.Trending, IntakeBot.Report(trendKey: "#priority-" + IntakeBot.NewId())));
        using (message)
        {
            Assert.Equal(HttpStatusCode.Accepted, message.StatusCode);
            await burst.All;
            Assert.Equal(0, await burst.CommittedBeforeAsync(await ReportIdAsync(message)));
        }
    }

    [Fact]
    public async Task An_emailed_order_is_answered_before_background_writes_queued_ahead_of_it()
    {
        var (burst, message) = await QueueBurstThenSendAsync(() =>
            bot.PostRawAsync("/api/intake/email?market=IN", Order(), IntakeBot.RegulatorKey, "message/rfc822"));
        using (message)
        {
            Assert.Equal(HttpStatusCode.Accepted, message.StatusCode);
            await burst.All;
            Assert.Equal(0, await burst.CommittedBeforeAsync(await ReportIdAsync(message)));
        }
    }

    /// <summary>
    /// The test holds the store's write gate while the burst queues and the request's first write queues behind it,
    /// then lets go: the order of the queue is fixed before any write runs, however fast the machine drains it.
    /// </summary>
    private async Task<(BackgroundBurst Burst, HttpResponseMessage Message)> QueueBurstThenSendAsync(
        Func<Task<HttpResponseMessage>> send)
    {
        var store = Assert.IsType<SqliteDocumentStore>(bot.Bot.Documents);
        BackgroundBurst burst;
        Task<HttpResponseMessage> answer;
        using (await store.HoldWritesAsync(CancellationToken.None))
        {
            burst = new BackgroundBurst(bot, store.Path, BackgroundWrites);
            Assert.Equal(0, burst.Done);
            answer = send();
            await UntilTheRequestsWriteWaitsAsync(store, answer);
        }
        return (burst, await answer);
    }

    private static async Task<string> ReportIdAsync(HttpResponseMessage answer) =>
        JsonNode.Parse(await answer.Content.ReadAsStringAsync())?["reportId"]?.GetValue<string>()
        ?? throw new InvalidOperationException("The answer names no reportId.");

    /// <summary>
    /// Only the request writes urgently. A background write of the bot's own (the warm-up incidents' channel jobs) can
    /// queue meanwhile too, so a longer background line is no sign of the request's write: waiting for that let the
    /// gate go before the request had queued, and its write then went after the burst.
    /// </summary>
    private static async Task UntilTheRequestsWriteWaitsAsync(SqliteDocumentStore store, Task answer)
    {
        var (waiting, answered) = await BoundedPoll.UntilAsync(
            _ => Task.FromResult((store.WritesWaiting, answer.IsCompleted)),
            seen => seen.Item2 || seen.WritesWaiting.Urgent > 0,
            "the request's write to queue at the held gate", TimeSpan.FromSeconds(30), TimeSpan.FromMilliseconds(5));
        Assert.False(answered, $"The request was answered without writing while the gate was held (queued: {waiting}).");
    }

    private string Order()
    {
        var reference = "MeitY-" + IntakeBot.NewId();
        return string.Join("\r\n",
            "From: Cyber Law Division <orders@meity.gov.in>",
            "To: legal-intake@example.com",
            $"Subject: Blocking order {reference}",
            $"Date: {bot.Clock.GetUtcNow().ToString("ddd, dd MMM yyyy HH:mm:ss +0000", CultureInfo.InvariantCulture)}",
            $"Message-ID: <{reference}@meity.gov.in>",
            "MIME-Version: 1.0",
            "Content-Type: text/plain; charset=utf-8",
            "",
            "Under section 69A you are directed to block the URLs listed below.",
            "");
    }

    /// <summary>Writes started from the test (no one waiting: background priority), all queued at the gate at once.</summary>
    private sealed class BackgroundBurst
    {
        private readonly string _path;
        private readonly string _prefix = "burst-" + IntakeBot.NewId() + "-";
        private int _done;

        public BackgroundBurst(IntakeBot bot, string path, int count)
        {
            _path = path;
            All = Task.WhenAll(Enumerable.Range(0, count).Select(async i =>
            {
                await bot.Bot.Documents.UpsertAsync(new SampleDocumentBuilder(Elsewhere).WithId(_prefix + i.ToString(CultureInfo.InvariantCulture)).Build(), CancellationToken.None);
                Interlocked.Increment(ref _done);
            }).ToList());
        }

        public Task All { get; }

        public int Done => Volatile.Read(ref _done);

        /// <summary>How many of the burst's rows were inserted before the report's (its row id is lower).</summary>
        public async Task<long> CommittedBeforeAsync(string reportId)
        {
            await using var connection = new SqliteConnection($"Data Source={_path};Mode=ReadOnly;Pooling=False");
            await connection.OpenAsync();
            await using var command = connection.CreateCommand();
            command.CommandText = """
                SELECT (SELECT rowid FROM documents WHERE workspace_id = $intake AND id = $report),
                       (SELECT count(*) FROM documents WHERE workspace_id = $burst AND id LIKE $prefix || '%'),
                       (SELECT count(*) FROM documents
                         WHERE workspace_id = $burst AND id LIKE $prefix || '%'
                           AND rowid < (SELECT rowid FROM documents WHERE workspace_id = $intake AND id = $report))
                """;
            command.Parameters.AddWithValue("$burst", Elsewhere);
            command.Parameters.AddWithValue("$prefix", _prefix);
            command.Parameters.AddWithValue("$intake", IntakeBot.Workspace);
            command.Parameters.AddWithValue("$report", reportId);
            await using var reader = await command.ExecuteReaderAsync();
            Assert.True(await reader.ReadAsync());
            Assert.False(reader.IsDBNull(0), $"No report {reportId} stored.");
            Assert.Equal(Done, reader.GetInt64(1));
            return reader.GetInt64(2);
        }
    }
}
