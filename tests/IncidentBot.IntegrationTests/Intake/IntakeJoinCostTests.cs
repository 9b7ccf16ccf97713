using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using IncidentBot.Dialogs.Channels;
using IncidentBot.Dialogs.Incidents;
using IncidentBot.Dialogs.Intake;
using IncidentBot.Dialogs.Platform;
using IncidentBot.Dialogs.Storage;
using IncidentBot.Dialogs.Work;
using IncidentBot.Storage.Embedded;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Time.Testing;
using Xunit.Abstractions;

namespace IncidentBot.IntegrationTests.Intake;

/// <summary>
/// What one report joining an open incident costs in store round trips (issue 13: nine reports in ten join),
/// counted on the real store over real HTTP. The figures go to the test output (PERFORMANCE.md quotes them);
/// the assertions pin the ones the join path is built around, so a change that adds a read to every join shows here.
/// </summary>
public sealed class IntakeJoinCostTests(ITestOutputHelper output) : SlackBotFixture
{
    private CountingDocumentStore _store = null!;

    protected override BotHostOptions BotOptions => new()
    {
        Clock = new FakeTimeProvider(IntakeBot.Start),
        Settings = new Dictionary<string, string?>
        {
            ["Intake:WorkspaceId"] = IntakeBot.Workspace,
            ["Intake:Platform"] = "slack",
            ["Intake:Sources:trending:Key"] = IntakeBot.TrendingKey,
        },
        Services = services => services.Replace(ServiceDescriptor.Singleton<IDocumentStore>(provider =>
            _store = new CountingDocumentStore(provider.GetRequiredService<SqliteDocumentStore>()))),
    };

    [Fact]
    public async Task A_report_joining_an_incident_this_instance_wrote_last_is_one_round_trip()
    {
        var trend = "#cost-" + IntakeBot.NewId();
        Assert.False(await ReportAsync(trend)); // opens it
        await DueWork.WaitForIdleJobsAsync(Bot.Services); // its channel work, which changes the incident too
        Assert.True(await ReportAsync(trend)); // the first join marks the digest owed
        var before = _store.Snapshot();

        Assert.True(await ReportAsync(trend));

        var counted = CountedSince(before);
        // While the sender waits (background jobs, such as the opening's channel work finishing, run on their own time).
        var request = counted.Where(c => c.Key.StartsWith("request: ", StringComparison.Ordinal)).ToDictionary();
        // The unit (report, incident, event, ledger entry) alone: no read for a repeat first (the unit's final create of the
        // report finds one), the key's pointer as the previous report read it, and no digest read (the join before it, this
        // close, leaves the next digest to the round: DigestCadence).
        Assert.Equal(1, CountingDocumentStore.RoundTrips(request));
        var calls = request.ToDictionary(c => c.Key["request: ".Length..], c => c.Value);
        Assert.Equal(0, calls.GetValueOrDefault("read StoredReport"));
        Assert.Equal(0, calls.GetValueOrDefault("read TrendPointer"));
        Assert.Equal(0, calls.GetValueOrDefault("read IntakeDigest"));
        Assert.Equal(0, calls.GetValueOrDefault("read Incident")); // the copy this instance stored
        Assert.Equal(0, calls.GetValueOrDefault("query ledger")); // the ledger's last entry as this instance appended it
        Assert.Equal(1, calls.GetValueOrDefault("commit-op create LedgerEntryDocument"));
        Assert.DoesNotContain(calls.Keys, call => call.Contains("LedgerHead", StringComparison.Ordinal)); // the chain needs no head document
        Assert.Equal(1, calls.GetValueOrDefault("commit"));
        Assert.Equal(1, calls.GetValueOrDefault("commit-op replace Incident"));
        Assert.Equal(1, calls.GetValueOrDefault("commit-op create StoredReport"));
    }

    /// <summary>
    /// The first join after the opening, and a join after a quiet spell, read the digest and mark it owed: no round is
    /// bound to come for them.
    /// </summary>
    [Fact]
    public async Task A_join_after_the_opening_or_after_a_quiet_spell_reads_the_digest()
    {
        var trend = "#quiet-" + IntakeBot.NewId();
        var clock = (FakeTimeProvider)Bot.Services.GetRequiredService<TimeProvider>();
        Assert.False(await ReportAsync(trend));
        await DueWork.WaitForIdleJobsAsync(Bot.Services);
        var before = _store.Snapshot();
        Assert.True(await ReportAsync(trend)); // after the opening's report: an opening is announced, not owed
        Assert.Equal(1, CountedSince(before).GetValueOrDefault("request: read IntakeDigest"));

        clock.Advance(IntakeRules.Default.DigestInterval - DigestCadence.Margin);
        before = _store.Snapshot();
        Assert.True(await ReportAsync(trend)); // the previous report is as old as the margin allows: read again
        Assert.Equal(1, CountedSince(before).GetValueOrDefault("request: read IntakeDigest"));
    }

    /// <summary>
    /// Joins that leave the digest to the round (the report before them came moments earlier) are in a digest all the same,
    /// those that join while a round posts included; once the trend falls quiet, one more round finds nothing and stops, and
    /// the next join marks the digest owed again.
    /// </summary>
    [Fact]
    public async Task Joins_that_leave_the_digest_to_the_round_are_each_counted_in_a_digest()
    {
        var trend = "#round-" + IntakeBot.NewId();
        var clock = (FakeTimeProvider)Bot.Services.GetRequiredService<TimeProvider>();
        var interval = IntakeRules.Default.DigestInterval;
        var earlier = Slack.CallsTo("chat.postMessage").Count;
        async Task<IReadOnlyList<string>> RoundAsync()
        {
            await Bot.RunDueWorkAsync();
            await DueWork.WaitForIdleJobsAsync(Bot.Services);
            return [.. Slack.CallsTo("chat.postMessage").Skip(earlier).Select(c => c.Arg("text") ?? "").Where(t => t.Contains(" in all", StringComparison.Ordinal))];
        }
        var opened = await AnswerAsync(trend);
        Assert.False((bool)opened["merged"]!);
        var number = new IncidentNumber((int)opened["incident"]!);
        await RoundAsync();
        clock.Advance(TimeSpan.FromSeconds(1));
        Assert.True(await ReportAsync(trend)); // marks the digest owed
        clock.Advance(TimeSpan.FromSeconds(20));
        Assert.True(await ReportAsync(trend)); // leaves it to the round
        clock.Advance(TimeSpan.FromSeconds(20));
        Assert.True(await ReportAsync(trend)); // and again
        clock.Advance(TimeSpan.FromSeconds(20));
        var digests = await RoundAsync(); // a minute after the opening
        Assert.Contains("4 in all", Assert.Single(digests), StringComparison.Ordinal);

        clock.Advance(TimeSpan.FromSeconds(5));
        Assert.True(await ReportAsync(trend)); // while the round's next digest is owed by the round alone
        clock.Advance(interval);
        digests = await RoundAsync();
        Assert.Equal(2, digests.Count);
        Assert.Contains("5 in all", digests[^1], StringComparison.Ordinal);

        clock.Advance(interval);
        Assert.Equal(2, (await RoundAsync()).Count); // quiet: nothing to post, and the round stops
        Assert.Null(await Bot.Documents.ReadAsync<WorkItem>(IntakeBot.Workspace, WorkItem.IdFor(IntakeWork.Digest, number.DocumentId), CancellationToken.None));

        clock.Advance(interval);
        var before = _store.Snapshot();
        Assert.True(await ReportAsync(trend)); // after the quiet spell: read and marked again
        Assert.Equal(1, CountedSince(before).GetValueOrDefault("request: read IntakeDigest"));
        clock.Advance(interval);
        digests = await RoundAsync();
        Assert.Equal(3, digests.Count);
        Assert.Contains("6 in all", digests[^1], StringComparison.Ordinal);
    }

    /// <summary>A pointer copy stands in for a read for a few seconds only; after that the next report reads it again.</summary>
    [Fact]
    public async Task A_key_pointer_read_longer_ago_than_the_copy_lifetime_is_read_again()
    {
        var trend = "#copy-" + IntakeBot.NewId();
        Assert.False(await ReportAsync(trend));
        await DueWork.WaitForIdleJobsAsync(Bot.Services);
        Assert.True(await ReportAsync(trend));
        ((FakeTimeProvider)Bot.Services.GetRequiredService<TimeProvider>()).Advance(TrendPointerCopies.Lifetime);
        var before = _store.Snapshot();

        Assert.True(await ReportAsync(trend));

        Assert.Equal(1, _store.Snapshot().GetValueOrDefault("request: read TrendPointer") - before.GetValueOrDefault("request: read TrendPointer"));
    }

    /// <summary>
    /// A report that opens an incident (one in ten in the issue's mix) costs far more than a join, nearly all of it in the
    /// background: its channel made, summarised, pinned and announced. The figures go to the output (PERFORMANCE.md,
    /// thirty-third session); the assertions pin the units and calls the channel's exactly-once rule needs, so a change
    /// that adds a commit or a Slack call to every opening shows here.
    /// </summary>
    [Fact]
    public async Task A_report_that_opens_an_incident_costs_one_unit_answered_and_three_in_the_background()
    {
        Assert.False(await ReportAsync("#open-" + IntakeBot.NewId())); // the workspace's first opening records the workspace
        await Bot.RunDueWorkAsync();
        await DueWork.WaitForIdleJobsAsync(Bot.Services);
        var before = _store.Snapshot();
        var callsBefore = Slack.Calls.Count;

        Assert.False(await ReportAsync("#open-" + IntakeBot.NewId()));
        await Bot.RunDueWorkAsync();
        await DueWork.WaitForIdleJobsAsync(Bot.Services);

        var counted = CountedSince(before);
        var calls = Slack.Calls.Skip(callsBefore).Select(c => c.Method).ToList();
        output.WriteLine($"slack {string.Join(", ", calls)}");
        // Answered: one unit (incident, report, pointer, event, ledger entry, digest record, its work), no write before it.
        Assert.Equal(1, counted.GetValueOrDefault("request: commit"));
        Assert.Equal(0, counted.Where(c => c.Key.StartsWith("request: ", StringComparison.Ordinal)
            && (c.Key.Contains(": create ", StringComparison.Ordinal) || c.Key.Contains(": replace ", StringComparison.Ordinal))).Sum(c => c.Value));
        // The channel's run: the lease, the channel recorded with its link, the summary's post recorded before the
        // announcement, and the release with the work item's delete.
        Assert.Equal(3, counted.GetValueOrDefault("background: commit"));
        Assert.Equal(1, counted.GetValueOrDefault("background: replace IncidentChannelState"));
        Assert.Equal(["conversations.create", "chat.postMessage", "pins.add", "chat.postMessage"], calls);
    }

    /// <summary>
    /// A storm's digest brings the channel up to date once a minute. The reports that joined since its last post post
    /// nothing, and are passed over without reading the timeline: a read that grew with every report the incident ever
    /// had, a minute at a time (at 18 joins a second, 1,080 more events to read each minute, for each trend).
    /// </summary>
    [Fact]
    public async Task A_digest_s_channel_sync_passes_over_the_joined_reports_without_reading_the_timeline()
    {
        var trend = "#sync-" + IntakeBot.NewId();
        var clock = (FakeTimeProvider)Bot.Services.GetRequiredService<TimeProvider>();
        var opened = await AnswerAsync(trend);
        Assert.False((bool)opened["merged"]!);
        var number = (int)opened["incident"]!;
        await Bot.RunDueWorkAsync();
        await DueWork.WaitForIdleJobsAsync(Bot.Services);
        async Task<int> StormMinuteAsync()
        {
            for (var i = 0; i < 20; i++)
                Assert.True(await ReportAsync(trend));
            clock.Advance(IntakeRules.Default.DigestInterval + TimeSpan.FromSeconds(1));
            await Bot.RunDueWorkAsync();
            await DueWork.WaitForIdleJobsAsync(Bot.Services);
            return Slack.CallsTo("chat.update").Count(c => (c.Arg("blocks") ?? "").Contains("(trending)", StringComparison.Ordinal));
        }
        await StormMinuteAsync(); // the first minute's sync also passes over the channel's own changes (linked, joined)
        var before = _store.Snapshot();
        var updatesBefore = Slack.CallsTo("chat.update").Count;

        await StormMinuteAsync();

        var counted = _store.Snapshot().ToDictionary(c => c.Key, c => c.Value - before.GetValueOrDefault(c.Key));
        foreach (var (what, n) in counted.Where(c => c.Value != 0).OrderBy(c => c.Key, StringComparer.Ordinal))
            output.WriteLine($"store {what}: {n}");
        var incident = await Bot.Incidents.FindAsync(new WorkspaceId(IntakeBot.Workspace), new IncidentNumber(number), CancellationToken.None);
        Assert.Equal(41, incident!.Value.ReportCount);
        // The digest was posted and the pinned summary brought up to date with the count…
        Assert.Contains(Slack.CallsTo("chat.postMessage"), c => (c.Arg("text") ?? "").Contains("41 in all", StringComparison.Ordinal));
        Assert.Contains(Slack.CallsTo("chat.update").Skip(updatesBefore), c => (c.Arg("blocks") ?? "").Contains("41 (trending)", StringComparison.Ordinal));
        // …without a query of the timeline, and the channel's state records every join as passed over.
        Assert.Equal(0, counted.GetValueOrDefault("background: query timeline"));
        var state = await Bot.Documents.ReadAsync<IncidentChannelState>(IntakeBot.Workspace, IncidentChannelState.IdFor(number), CancellationToken.None);
        Assert.Equal(incident.Value.Version, state!.Value.PostedVersion);
    }

    /// <summary>
    /// A detection system that timed out sends its batch again. With no read for a repeat before the unit, each repeat is
    /// found by the unit's final create of its report; the rest of its group is then looked up at once, so a group is
    /// written again once, not once for each repeat in it (which would cost a group of k repeats k(k+1)/2 creates).
    /// </summary>
    [Fact]
    public async Task A_replayed_batch_costs_at_most_one_refused_create_a_report_and_answers_each_as_a_repeat()
    {
        const int Reports = 50;
        var trend = "#replay-" + IntakeBot.NewId();
        var batch = new JsonArray([.. Enumerable.Range(0, Reports).Select(_ => (JsonNode)IntakeBot.Report(trendKey: trend))]);
        var first = await BatchAsync(batch);
        Assert.All(first, item => Assert.Equal(202, (int)item!["status"]!));
        await DueWork.WaitForIdleJobsAsync(Bot.Services);
        var before = _store.Snapshot();

        var replay = await BatchAsync(batch);

        Assert.All(replay, item => Assert.Equal(200, (int)item!["status"]!));
        Assert.Equal(first.Select(i => (string)i!["reportId"]!), replay.Select(i => (string)i!["reportId"]!));
        var counted = _store.Snapshot().ToDictionary(c => c.Key, c => c.Value - before.GetValueOrDefault(c.Key));
        var creates = counted.GetValueOrDefault("request: commit-op create StoredReport");
        output.WriteLine($"replay of {Reports}: {creates} refused creates of a report, {counted.GetValueOrDefault("request: commit")} units, {counted.GetValueOrDefault("request: read StoredReport")} report reads");
        Assert.InRange(creates, 1, Reports); // operations sent in units the store refused; nothing of them stayed (IntakeApiTests)
    }

    private async Task<JsonArray> BatchAsync(JsonArray batch)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/intake/reports/batch")
        {
            Content = new StringContent(batch.ToJsonString(), Encoding.UTF8, "application/json"),
        };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", IntakeBot.TrendingKey);
        using var response = await Client.SendAsync(request);
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{(int)response.StatusCode} {body}\n{Bot.ProblemLog()}");
        return JsonNode.Parse(body)!["results"]!.AsArray();
    }

    /// <summary>The store calls since <paramref name="before"/>, the reconciler's sweep left out, each written to the output.</summary>
    private SortedDictionary<string, int> CountedSince(IReadOnlyDictionary<string, int> before)
    {
        var counted = new SortedDictionary<string, int>(_store.Snapshot()
            .Select(c => (c.Key, N: c.Value - before.GetValueOrDefault(c.Key)))
            .Where(c => c.N != 0 && !IsSweep(c.Key))
            .ToDictionary(c => c.Key, c => c.N), StringComparer.Ordinal);
        foreach (var (what, n) in counted)
            output.WriteLine($"store {what}: {n}");
        return counted;
    }

    /// <summary>The reconciler's recurring sweep runs on its own clock, not the report's.</summary>
    private static bool IsSweep(string key) =>
        key.EndsWith(": query work", StringComparison.Ordinal) || key.EndsWith(": query workspace", StringComparison.Ordinal)
        || key.Contains("ReconcilerLease", StringComparison.Ordinal);

    /// <returns>Whether the report joined an incident (false: it opened one).</returns>
    private async Task<bool> ReportAsync(string trend) => (bool)(await AnswerAsync(trend))["merged"]!;

    /// <returns>The intake's answer to one report of the trend.</returns>
    private async Task<JsonNode> AnswerAsync(string trend)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/intake/reports")
        {
            Content = new StringContent(IntakeBot.Report(trendKey: trend).ToJsonString(), Encoding.UTF8, "application/json"),
        };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", IntakeBot.TrendingKey);
        using var response = await Client.SendAsync(request);
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.Accepted, $"{(int)response.StatusCode} {body}\n{Bot.ProblemLog()}");
        return JsonNode.Parse(body)!;
    }
}
