using System.Net;
using Hangfire;
using IncidentBot.Dialogs.Storage;
using IncidentBot.Dialogs.Work;
using IncidentBot.Storage.Embedded;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Xunit.Abstractions;

namespace IncidentBot.IntegrationTests.Bot;

/// <summary>
/// What one Slack declare costs, counted on the real parts (issue 12): store calls in the request and
/// in the background, jobs scheduled and run, Slack Web API calls, log lines a production log level
/// writes. The figures go to the test output (PERFORMANCE.md quotes them); the assertions pin the ones
/// the write path is built around, in the request and in the background, so a change that adds a round
/// trip to every declare shows here.
/// </summary>
public sealed class DeclareCostTests(ITestOutputHelper output) : SlackBotFixture
{
    private CountingDocumentStore _store = null!;
    private readonly CountingJobScheduler _scheduler = new();

    protected override BotHostOptions BotOptions => new()
    {
        Services = services =>
        {
            services.Replace(ServiceDescriptor.Singleton<IDocumentStore>(provider =>
                _store = new CountingDocumentStore(provider.GetRequiredService<SqliteDocumentStore>())));
            services.Replace(ServiceDescriptor.Singleton<IJobScheduler>(provider =>
                _scheduler.Over(provider.GetRequiredService<IncidentBot.Jobs.HangfireJobScheduler>())));
        },
    };

    [Fact]
    public async Task A_declare_is_one_store_transaction_in_the_request_and_its_channel_work_in_the_background()
    {
        // The first declare of a workspace registers it and reads the counter: warm up with one, then count the second.
        await DeclareAndSettleAsync("declare sev2 Warm-up incident", number: 1);
        var before = Counts();

        await DeclareAndSettleAsync("declare sev2 Counted incident --source user-report --market DE --lang de", number: 2);
        var after = Counts();

        var store = Print(before, after);
        foreach (var (what, n) in Delta(before.Logs, after.Logs))
            output.WriteLine($"log {what}: {n}");
        var scheduled = after.Scheduled - before.Scheduled;
        var ran = after.JobsSucceeded - before.JobsSucceeded;
        output.WriteLine($"work items given a job: {scheduled}; Hangfire jobs succeeded: {ran}; Hangfire jobs scheduled: {after.JobsScheduled - before.JobsScheduled}; in-process timers: {after.Timers - before.Timers}");

        var request = store.Where(c => c.Key.StartsWith("request: ", StringComparison.Ordinal)).ToDictionary();
        Assert.Equal(1, request.GetValueOrDefault("request: commit"));
        Assert.Equal(2, CountingDocumentStore.RoundTrips(request)); // the replay check's read, then the unit
        Assert.Equal(1, request.GetValueOrDefault("request: commit-op create Incident"));

        // The channel job: its work item and the incident read; the lease created unread; the channel recorded in the
        // unit that links it (its ledger's last entry as the declare appended it, not looked up); the summary's three queries;
        // the summary post recorded; the rest recorded with the lease's release, which deletes the work item.
        var background = store.Where(c => c.Key.StartsWith("background: ", StringComparison.Ordinal) && !IsSweep(c.Key)).ToDictionary();
        Assert.Equal(9, CountingDocumentStore.RoundTrips(background));
        Assert.Equal(0, background.GetValueOrDefault("background: query ledger"));
        Assert.DoesNotContain(store.Keys, call => call.Contains("LedgerHead", StringComparison.Ordinal)); // the chain needs no head document
        Assert.Equal(3, background.GetValueOrDefault("background: commit"));
        Assert.Equal(1, background.GetValueOrDefault("background: read Incident"));
        Assert.Equal(1, background.GetValueOrDefault("background: replace IncidentChannelState"));
        Assert.Equal(1, background.GetValueOrDefault("background: commit-op delete work-channel-sync-inc"));

        // Channel sync and the status-update timer (at its first reminder, not now) asked for in the request; no clock
        // start, since no auto-start rule names a user report.
        Assert.Equal(2, scheduled);
        // What is due now (the channel sync) runs at once, without a Hangfire job; the reconciler's recurring sweep may add one.
        Assert.InRange(ran, 0, 1);
        // The status-update timer, 30 minutes out, waits for an in-process timer: no Hangfire job is created for it (hops14).
        Assert.Equal(0, after.JobsScheduled - before.JobsScheduled);
        Assert.Equal(1, after.Timers - before.Timers);
        Assert.Single(Slack.CallsTo("conversations.create"), c => c.Arg("name")?.StartsWith("inc-2-", StringComparison.Ordinal) == true);
        Assert.Equal(5, Delta(before.Slack, after.Slack).Values.Sum());
    }

    [Fact]
    public async Task A_note_is_one_store_transaction_in_the_request_and_its_post_recorded_with_the_release()
    {
        // The mixed workload's commonest command (issue 12: CPU per mixed command): a note on an incident whose channel exists.
        await DeclareAndSettleAsync("declare sev2 Noted incident", number: 1);
        await NoteAndSettleAsync("INC-1 note Warm-up observation");
        var before = Counts();

        await NoteAndSettleAsync("INC-1 note Counted observation");
        var after = Counts();

        var store = Print(before, after);
        var scheduled = after.Scheduled - before.Scheduled;
        output.WriteLine($"work items given a job: {scheduled}; Hangfire jobs succeeded: {after.JobsSucceeded - before.JobsSucceeded}");

        var request = store.Where(c => c.Key.StartsWith("request: ", StringComparison.Ordinal)).ToDictionary();
        Assert.Equal(1, request.GetValueOrDefault("request: commit"));
        Assert.Equal(1, request.GetValueOrDefault("request: commit-op create TimelineEvent"));
        var background = store.Where(c => c.Key.StartsWith("background: ", StringComparison.Ordinal) && !IsSweep(c.Key)).ToDictionary();
        output.WriteLine($"round trips: request {CountingDocumentStore.RoundTrips(request)}, background {CountingDocumentStore.RoundTrips(background)}");
        // The job: its work item and the incident read; the lease; the summary's three queries; the post recorded with
        // the lease's release, which deletes the work item (no write of its own: it is the run's last call).
        Assert.Equal(8, CountingDocumentStore.RoundTrips(background));
        Assert.Equal(0, background.GetValueOrDefault("background: replace IncidentChannelState"));
        Assert.Equal(1, background.GetValueOrDefault("background: commit-op delete work-channel-sync-inc"));
        Assert.Equal(1, scheduled); // the channel sync
        // The note posted, and the pinned summary updated (it shows the latest update).
        Assert.Equal(new SortedDictionary<string, int>(StringComparer.Ordinal) { ["chat.postMessage"] = 1, ["chat.update"] = 1 }, Delta(before.Slack, after.Slack));
    }

    private async Task NoteAndSettleAsync(string text)
    {
        var response = await Client.SendAsync(SlackRequests.Command(text, Bot.Clock));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var observation = text[(text.IndexOf("note ", StringComparison.Ordinal) + 5)..];
        await Bot.WaitForSlackAsync("chat.postMessage", c => c.Arg("text")?.Contains(observation, StringComparison.Ordinal) == true);
        await DueWork.WaitForIdleJobsAsync(Bot.Services);
    }

    /// <summary>Writes the store calls and Slack calls between two counts to the test output; answers the store's.</summary>
    private SortedDictionary<string, int> Print(CostSnapshot before, CostSnapshot after)
    {
        var store = Delta(before.Store, after.Store);
        foreach (var (what, n) in store)
            output.WriteLine($"store {what}: {n}");
        foreach (var (what, n) in Delta(before.Slack, after.Slack))
            output.WriteLine($"slack {what}: {n}");
        return store;
    }

    /// <summary>The reconciler's recurring sweep (the workspace list, overdue work) runs on its own clock, not the declare's.</summary>
    private static bool IsSweep(string key) =>
        key.EndsWith(": query work", StringComparison.Ordinal) || key.EndsWith(": query workspace", StringComparison.Ordinal)
        || key.Contains("ReconcilerLease", StringComparison.Ordinal);

    private async Task DeclareAndSettleAsync(string text, int number)
    {
        var response = await Client.SendAsync(SlackRequests.Command(text, Bot.Clock));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains($"INC-{number}", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        // The announcement is the channel job's last call; then let whatever it left run out.
        await Bot.WaitForSlackAsync("chat.postMessage",
            c => c.Arg("channel") == BotApplication.AnnouncementChannel && c.Arg("text")?.Contains($"INC-{number}", StringComparison.Ordinal) == true);
        await DueWork.WaitForIdleJobsAsync(Bot.Services);
    }

    private CostSnapshot Counts() =>
        new(_store.Snapshot(),
         Slack.Calls.GroupBy(c => c.Method).ToDictionary(g => g.Key, g => g.Count()),
         Bot.Logs.Logs.Where(WrittenInProduction).GroupBy(l => $"{l.Level} {l.Category}").ToDictionary(g => g.Key, g => g.Count()),
         _scheduler.Count,
         Bot.Services.GetRequiredService<JobStorage>().GetMonitoringApi().SucceededListCount(),
         Bot.Services.GetRequiredService<JobStorage>().GetMonitoringApi().ScheduledCount(),
         Bot.Services.GetRequiredService<IncidentBot.Jobs.HangfireJobScheduler>().PendingTimers);

    /// <summary>The levels of appsettings.json: Information, but Warning for ASP.NET Core, Hangfire and HttpClient.</summary>
    private static bool WrittenInProduction(RecordedLog line) =>
        line.Level >= (line.Category.StartsWith("Microsoft.AspNetCore", StringComparison.Ordinal)
                       || line.Category.StartsWith("Hangfire", StringComparison.Ordinal)
                       || line.Category.StartsWith("System.Net.Http.HttpClient", StringComparison.Ordinal)
            ? LogLevel.Warning
            : LogLevel.Information);

    private static SortedDictionary<string, int> Delta(IReadOnlyDictionary<string, int> before, IReadOnlyDictionary<string, int> after) =>
        new(after.Select(a => (a.Key, N: a.Value - before.GetValueOrDefault(a.Key))).Where(d => d.N != 0).ToDictionary(d => d.Key, d => d.N),
            StringComparer.Ordinal);

    private sealed record CostSnapshot(
        IReadOnlyDictionary<string, int> Store, IReadOnlyDictionary<string, int> Slack, IReadOnlyDictionary<string, int> Logs, int Scheduled, long JobsSucceeded,
        long JobsScheduled, int Timers);

    /// <summary>Counts the work items given a job, then schedules them as the bot would.</summary>
    private sealed class CountingJobScheduler : IJobScheduler
    {
        private IJobScheduler? _inner;
        private int _count;

        public int Count => Volatile.Read(ref _count);

        public CountingJobScheduler Over(IJobScheduler inner)
        {
            _inner = inner;
            return this;
        }

        public Task ScheduleAsync(string workspaceId, string workItemId, DateTimeOffset runAt, CancellationToken cancellationToken)
        {
            Interlocked.Increment(ref _count);
            return _inner!.ScheduleAsync(workspaceId, workItemId, runAt, cancellationToken);
        }

        public Task ScheduleAllAsync(IReadOnlyList<WorkJob> requested, CancellationToken cancellationToken)
        {
            Interlocked.Add(ref _count, requested.Count);
            return _inner!.ScheduleAllAsync(requested, cancellationToken);
        }
    }
}
