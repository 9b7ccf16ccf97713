using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using IncidentBot.Dialogs.Storage;
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
    public async Task A_report_joining_an_incident_this_instance_wrote_last_is_four_round_trips()
    {
        var trend = "#cost-" + IntakeBot.NewId();
        Assert.False(await ReportAsync(trend)); // opens it
        await DueWork.WaitForIdleJobsAsync(Bot.Services); // its channel work, which changes the incident too
        Assert.True(await ReportAsync(trend)); // the first join marks the digest owed
        var before = _store.Snapshot();

        Assert.True(await ReportAsync(trend));

        var counted = new SortedDictionary<string, int>(_store.Snapshot()
            .Select(c => (c.Key, N: c.Value - before.GetValueOrDefault(c.Key)))
            .Where(c => c.N != 0 && !IsSweep(c.Key))
            .ToDictionary(c => c.Key, c => c.N), StringComparer.Ordinal);
        foreach (var (what, n) in counted)
            output.WriteLine($"store {what}: {n}");
        // While the sender waits (background jobs, such as the opening's channel work finishing, run on their own time).
        var request = counted.Where(c => c.Key.StartsWith("request: ", StringComparison.Ordinal)).ToDictionary();
        // The repeat check, the key's pointer, the digest mark's read, and the unit (report, incident, event, ledger entry and head).
        Assert.Equal(4, CountingDocumentStore.RoundTrips(request));
        var calls = request.ToDictionary(c => c.Key["request: ".Length..], c => c.Value);
        Assert.Equal(1, calls.GetValueOrDefault("read StoredReport"));
        Assert.Equal(1, calls.GetValueOrDefault("read TrendPointer"));
        Assert.Equal(1, calls.GetValueOrDefault("read IntakeDigest"));
        Assert.Equal(0, calls.GetValueOrDefault("read Incident")); // the copy this instance stored
        Assert.Equal(0, calls.GetValueOrDefault("read LedgerHeadDocument")); // the head this instance stored
        Assert.Equal(1, calls.GetValueOrDefault("commit"));
        Assert.Equal(1, calls.GetValueOrDefault("commit-op replace Incident"));
        Assert.Equal(1, calls.GetValueOrDefault("commit-op create StoredReport"));
    }

    /// <summary>The reconciler's recurring sweep runs on its own clock, not the report's.</summary>
    private static bool IsSweep(string key) =>
        key.EndsWith(": query work", StringComparison.Ordinal) || key.EndsWith(": query workspace", StringComparison.Ordinal)
        || key.Contains("ReconcilerLease", StringComparison.Ordinal);

    /// <returns>Whether the report joined an incident (false: it opened one).</returns>
    private async Task<bool> ReportAsync(string trend)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/intake/reports")
        {
            Content = new StringContent(IntakeBot.Report(trendKey: trend).ToJsonString(), Encoding.UTF8, "application/json"),
        };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", IntakeBot.TrendingKey);
        using var response = await Client.SendAsync(request);
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.Accepted, $"{(int)response.StatusCode} {body}\n{Bot.ProblemLog()}");
        return (bool)JsonNode.Parse(body)!["merged"]!;
    }
}
