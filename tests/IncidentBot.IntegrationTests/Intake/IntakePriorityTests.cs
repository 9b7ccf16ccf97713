using System.Globalization;
using System.Net;
using IncidentBot.Dialogs.Incidents;
using IncidentBot.IntegrationTests.Builders;
using IncidentBot.Storage.Embedded;
using IncidentBot.Testing.Hosts;

namespace IncidentBot.IntegrationTests.Intake;

/// <summary>
/// A single report and an e-mailed order write as urgent at the embedded store's write gate: they
/// are answered while a burst of background writes queued before them is still waiting. Queued
/// first-come, their writes would go after every one of the burst. The test holds the gate while both
/// queue, so the outcome does not depend on how fast the machine drains the burst.
/// </summary>
public sealed class IntakePriorityTests(IntakeBot bot) : IClassFixture<IntakeBot>, IAsyncLifetime
{
    /// <summary>Enough that draining them takes far longer than answering a report's HTTP request.</summary>
    private const int BackgroundWrites = 4_000;

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
        var (burst, response) = await QueueBurstThenSendAsync(() =>
            bot.PostAsync(IncidentSource.Trending, IntakeBot.Report(trendKey: "#priority-" + IntakeBot.NewId())));
        using (response.Message)
        {
            Assert.Equal(HttpStatusCode.Accepted, response.Message.StatusCode);
            Assert.True(response.DoneAtAnswer < BackgroundWrites, $"The report was answered only after all {BackgroundWrites} background writes queued before it.");
        }
        await burst.All;
    }

    [Fact]
    public async Task An_emailed_order_is_answered_before_background_writes_queued_ahead_of_it()
    {
        var (burst, response) = await QueueBurstThenSendAsync(() =>
            bot.PostRawAsync("/api/intake/email?market=IN", Order(), IntakeBot.RegulatorKey, "message/rfc822"));
        using (response.Message)
        {
            Assert.Equal(HttpStatusCode.Accepted, response.Message.StatusCode);
            Assert.True(response.DoneAtAnswer < BackgroundWrites, $"The order was answered only after all {BackgroundWrites} background writes queued before it.");
        }
        await burst.All;
    }

    /// <summary>
    /// The test holds the store's write gate while the burst queues and the request's first write queues behind it,
    /// then lets go: the order of the queue is fixed before any write runs, however fast the machine drains it.
    /// </summary>
    private async Task<(BackgroundBurst Burst, (HttpResponseMessage Message, int DoneAtAnswer) Response)> QueueBurstThenSendAsync(
        Func<Task<HttpResponseMessage>> send)
    {
        var store = Assert.IsType<SqliteDocumentStore>(bot.Bot.Documents);
        BackgroundBurst burst;
        Task<HttpResponseMessage> answer;
        using (await store.HoldWritesAsync(CancellationToken.None))
        {
            burst = new BackgroundBurst(bot, BackgroundWrites);
            Assert.Equal(0, burst.Done);
            answer = send();
            await UntilTheRequestsWriteWaitsAsync(store, answer);
        }
        var message = await answer;
        return (burst, (message, burst.Done));
    }

    /// <summary>Only the request writes urgently, and the burst alone queues no more than its own count.</summary>
    private static async Task UntilTheRequestsWriteWaitsAsync(SqliteDocumentStore store, Task answer)
    {
        var (waiting, answered) = await BoundedPoll.UntilAsync(
            _ => Task.FromResult((store.WritesWaiting, answer.IsCompleted)),
            seen => seen.Item2 || seen.WritesWaiting is not { Urgent: 0, Background: <= BackgroundWrites },
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
        private int _done;

        public BackgroundBurst(IntakeBot bot, int count) =>
            All = Task.WhenAll(Enumerable.Range(0, count).Select(async _ =>
            {
                await bot.Bot.Documents.UpsertAsync(new SampleDocumentBuilder(Elsewhere).Build(), CancellationToken.None);
                Interlocked.Increment(ref _done);
            }).ToList());

        public Task All { get; }

        public int Done => Volatile.Read(ref _done);
    }
}
