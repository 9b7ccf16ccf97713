using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using IncidentBot.Demo;
using IncidentBot.Dialogs.ActionItems;
using IncidentBot.Dialogs.Clocks;
using IncidentBot.Dialogs.Incidents;
using IncidentBot.Dialogs.Paging;
using IncidentBot.Dialogs.PostMortems;
using IncidentBot.Dialogs.Storage;
using IncidentBot.IntegrationTests.Bot;
using IncidentBot.IntegrationTests.Storage;
using IncidentBot.IntegrationTests.Trends;
using IncidentBot.Teams;
using Microsoft.Extensions.Time.Testing;

namespace IncidentBot.IntegrationTests.Demo;

/// <summary><c>seed-demo</c> run in-process on a temporary SQLite file at a fixed now, then read back by the bot over HTTP.</summary>
public sealed class SeedDemoCommandTests : IDisposable
{
    private static readonly DateTimeOffset Now = new(2026, 11, 21, 12, 0, 0, TimeSpan.Zero);

    private static readonly string[] DocumentTypes =
        [Incident.DocumentType, TimelineEvent.DocumentType, Clock.DocumentType, Page.DocumentType, PostMortem.DocumentType, ActionItem.DocumentType];

    private readonly SqliteStoreFile _file = new();
    private readonly FakeTimeProvider _clock = new(Now);

    public void Dispose() => _file.Dispose();

    private async Task<(int Exit, string Output, string Error)> SeedAsync(params string[] extra)
    {
        using var output = new StringWriter(CultureInfo.InvariantCulture);
        using var error = new StringWriter(CultureInfo.InvariantCulture);
        var exit = await SeedDemoCommand.RunAsync([SeedDemoCommand.Name, "--store", _file.Path, .. extra], output, error, _clock, default);
        return (exit, output.ToString(), error.ToString());
    }

    private static int Figure(string output, string pattern) =>
        int.Parse(Regex.Match(output, pattern).Groups[1].Value, CultureInfo.InvariantCulture);

    private async Task<Dictionary<string, int>> CountDocumentsAsync(string workspace)
    {
        using var store = _file.Open(_clock);
        var counts = new Dictionary<string, int>();
        foreach (var type in DocumentTypes)
            counts[type] = await store.CountAsync(new DocumentQuery(workspace, type), default);
        return counts;
    }

    [Fact]
    public async Task Seeds_the_promised_month_and_the_trend_api_agrees_with_it_across_every_cut()
    {
        var (exit, output, error) = await SeedAsync();

        Assert.True(exit == 0, error);
        var incidents = Figure(output, @"(\d+) incidents \(");
        var met = Figure(output, @"clocks: (\d+) met in time");
        var breached = Figure(output, @"(\d+) breached");
        var running = Figure(output, @"(\d+) running");
        var clocks = Figure(output, @"(\d+) clocks:");
        var pages = Figure(output, @"(\d+) pages \(");
        Assert.Equal(40, incidents);
        Assert.Equal(10, Figure(output, @"(\d+) regulator orders"));
        Assert.Equal(6, Figure(output, @"(\d+) partner escalations"));
        Assert.Equal(12, Figure(output, @"(\d+) in the Nepali/Bhojpuri trend storm"));
        Assert.True(met > 0 && breached > 0, output);
        Assert.Equal(clocks, met + breached + running);
        Assert.True(Figure(output, @"\((\d+) overdue\)") > 0, output);
        Assert.True(Figure(output, @"\((\d+) at night or at the weekend\)") > 0, output);

        var stored = await CountDocumentsAsync(TeamsPlayground.DefaultTenantId);
        Assert.Equal(incidents, stored[Incident.DocumentType]);
        Assert.Equal(clocks, stored[Clock.DocumentType]);
        Assert.Equal(Figure(output, @"(\d+) post-mortems"), stored[PostMortem.DocumentType]);
        Assert.Equal(Figure(output, @"(\d+) action items"), stored[ActionItem.DocumentType]);
        Assert.Equal(Figure(output, @"(\d+) timeline events"), stored[TimelineEvent.DocumentType]);
        await AssertEveryIncidentIsConsistentAsync(TeamsPlayground.DefaultTenantId);

        await using var slack = await FakeSlackServer.StartAsync();
        await using var bot = new BotApplication(slack, _file.Path, _clock);
        using var client = bot.Start();
        var totals = new List<JsonNode>();
        foreach (var cut in new[] { "source", "severity", "market", "language" })
        {
            // No workspace named: the API and the dashboard read the only one there is, the Playground's.
            using var response = await client.SendAsync(TrendsBot.Get($"/api/trends?by={cut}"));
            response.EnsureSuccessStatusCode();
            var report = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
            var rows = report["rows"]!.AsArray().Select(r => r!).ToList();
            var total = report["total"]!;
            totals.Add(total);
            foreach (var row in rows.Append(total))
            {
                foreach (var figure in new[] { "mttaSeconds", "mttmSeconds", "mttrSeconds" })
                {
                    var p50 = (long?)row[figure]!["p50"];
                    var p90 = (long?)row[figure]!["p90"];
                    Assert.True(p50 is null == p90 is null, $"{cut} {row["key"]} {figure}");
                    if (p50 is { } median)
                        Assert.InRange(median, 0, p90!.Value);
                }
                Assert.InRange(Int(row, "incidents"), 1, Int(total, "incidents"));
                Assert.InRange(Int(row, "pagesAcknowledged"), 0, Int(row, "pagesSent"));
            }
            if (cut is "source" or "severity")
            {
                // One value per incident: the rows add up to the total.
                foreach (var figure in new[] { "incidents", "reports", "clocksMet", "clocksBreached", "pagesSent", "nightPages", "weekendPages" })
                    Assert.Equal(Int(total, figure), rows.Sum(r => Int(r, figure)));
            }
            else
            {
                Assert.True(rows.Sum(r => Int(r, "incidents")) >= Int(total, "incidents"));
            }
        }
        foreach (var total in totals)
        {
            Assert.Equal(incidents, Int(total, "incidents"));
            Assert.Equal(met, Int(total, "clocksMet"));
            Assert.Equal(breached, Int(total, "clocksBreached"));
            Assert.Equal(pages, Int(total, "pagesSent"));
        }

        using var byLanguage = await client.SendAsync(TrendsBot.Get("/api/trends?by=language"));
        var languages = JsonNode.Parse(await byLanguage.Content.ReadAsStringAsync())!["rows"]!.AsArray().ToDictionary(r => (string)r!["key"]!, r => r!);
        Assert.True(Int(languages["ne"], "incidents") >= 12);
        Assert.True(Int(languages["bho"], "incidents") >= 12);
        using var bySource = await client.SendAsync(TrendsBot.Get("/api/trends?by=source"));
        var regulator = JsonNode.Parse(await bySource.Content.ReadAsStringAsync())!["rows"]!.AsArray().Single(r => (string)r!["key"]! == "regulator")!;
        Assert.True(Int(regulator, "clocksMet") > 0 && Int(regulator, "clocksBreached") > 0, regulator.ToJsonString());
    }

    [Fact]
    public async Task Running_it_twice_writes_nothing_the_second_time()
    {
        var first = await SeedAsync();
        var before = await CountDocumentsAsync(TeamsPlayground.DefaultTenantId);

        var second = await SeedAsync();

        Assert.Equal(0, first.Exit);
        Assert.Equal(0, second.Exit);
        Assert.Contains("already has 40 incidents: nothing written", second.Output, StringComparison.Ordinal);
        Assert.Equal(before, await CountDocumentsAsync(TeamsPlayground.DefaultTenantId));
    }

    [Fact]
    public async Task With_cosmos_configured_it_refuses_with_exit_code_2_and_writes_nothing()
    {
        // Nothing listens there: a refusal must come before any connection.
        var (exit, output, error) = await SeedAsync("--Cosmos:Endpoint=https://127.0.0.1:1/", "--Cosmos:Key=a2V5");

        Assert.Equal(2, exit);
        Assert.Contains("--allow-cosmos", error, StringComparison.Ordinal);
        Assert.Empty(output);
        Assert.False(File.Exists(_file.Path), "no store file created");
    }

    [Fact]
    public async Task After_seeding_stats_30d_answers_the_month_in_slack()
    {
        var team = BotFixture.NewTeam();
        var (exit, _, error) = await SeedAsync("--workspace", team, "--platform", "slack");
        Assert.True(exit == 0, error);
        await using var slack = await FakeSlackServer.StartAsync();
        await using var bot = new BotApplication(slack, _file.Path, _clock);
        using var client = bot.Start();

        using var response = await client.SendAsync(SlackRequests.Command("stats 30d", _clock, team: team));

        response.EnsureSuccessStatusCode();
        var text = (string)JsonNode.Parse(await response.Content.ReadAsStringAsync())!["text"]!;
        Assert.Contains("40 incidents", text, StringComparison.Ordinal);
        Assert.DoesNotContain("No incidents", text, StringComparison.Ordinal);
        Assert.Contains("*regulator*", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_same_now_gives_the_same_month()
    {
        using var other = new SqliteStoreFile();
        await SeedAsync();
        using (var output = new StringWriter(CultureInfo.InvariantCulture))
            Assert.Equal(0, await SeedDemoCommand.RunAsync([SeedDemoCommand.Name, "--store", other.Path], output, TextWriter.Null, _clock, default));

        using var first = _file.Open(_clock);
        using var second = other.Open(_clock);
        foreach (var read in new Func<IDocumentStore, Task<List<string>>>[]
        {
            store => ReadAllAsync<Incident>(store, Incident.DocumentType),
            store => ReadAllAsync<TimelineEvent>(store, TimelineEvent.DocumentType),
            store => ReadAllAsync<Clock>(store, Clock.DocumentType),
            store => ReadAllAsync<Page>(store, Page.DocumentType),
            store => ReadAllAsync<PostMortem>(store, PostMortem.DocumentType),
            store => ReadAllAsync<ActionItem>(store, ActionItem.DocumentType),
        })
        {
            var expected = await read(first);
            Assert.NotEmpty(expected);
            Assert.Equal(expected, await read(second));
        }
    }

    [Fact]
    public async Task The_bot_runs_seed_demo_instead_of_starting_when_asked()
    {
        var main = typeof(Program).Assembly.EntryPoint!;

        // The entry point blocks on its own task; run it off the test's synchronisation context.
        var exit = await Task.Run(() => main.Invoke(null, [new[] { SeedDemoCommand.Name, "--store", _file.Path }]));

        Assert.Equal(0, exit);
        Assert.Equal(40, (await CountDocumentsAsync(TeamsPlayground.DefaultTenantId))[Incident.DocumentType]);
    }

    private static async Task<List<string>> ReadAllAsync<T>(IDocumentStore store, string type)
        where T : class, IDocument
    {
        var documents = new List<string>();
        await foreach (var found in store.QueryAsync<T>(new DocumentQuery(TeamsPlayground.DefaultTenantId, type), default))
            documents.Add(JsonSerializer.Serialize(found.Value));
        documents.Sort(StringComparer.Ordinal);
        return documents;
    }

    /// <summary>Each incident's record agrees with its lifecycle and its timeline.</summary>
    private async Task AssertEveryIncidentIsConsistentAsync(string workspace)
    {
        using var store = _file.Open(_clock);
        var incidents = new IncidentStore(new DocumentWriter(store));
        var seen = new HashSet<IncidentStatus>();
        await foreach (var incident in incidents.ListAsync(workspace, new IncidentFilter { Limit = 100 }, default))
        {
            seen.Add(incident.Status);
            Assert.InRange(incident.DeclaredAt, Now.AddDays(-30), Now);
            Assert.InRange(incident.UpdatedAt, incident.DeclaredAt, Now);
            if (incident.AcknowledgedAt is { } ack)
                Assert.InRange(ack, incident.DeclaredAt, incident.MitigatedAt ?? incident.ResolvedAt ?? Now);
            if (incident.ResolvedAt is { } resolved)
                Assert.InRange(incident.MitigatedAt!.Value, incident.AcknowledgedAt!.Value, resolved);
            Assert.Equal(incident.Status is IncidentStatus.Resolved or IncidentStatus.Closed, incident.ResolvedAt is not null);
            Assert.Equal(incident.Status == IncidentStatus.Closed, incident.ClosedAt is not null);
            Assert.Equal(incident.Status == IncidentStatus.Cancelled, incident.CancelledAt is not null);
            var timeline = await incidents.TimelineAsync(workspace, incident.Key, default).ToListAsync();
            Assert.Contains(timeline, e => e.Kind == TimelineKind.Declared && e.At == incident.DeclaredAt);
            Assert.All(timeline, e => Assert.InRange(e.At, incident.DeclaredAt, Now));
            // Every change of the record is on the timeline, version by version.
            Assert.Equal(Enumerable.Range(1, incident.Version), timeline.Where(e => e.Version is not null).Select(e => e.Version!.Value).Order());
        }
        Assert.Superset(
            new HashSet<IncidentStatus> { IncidentStatus.Declared, IncidentStatus.Investigating, IncidentStatus.Mitigated, IncidentStatus.Resolved, IncidentStatus.Closed, IncidentStatus.Cancelled },
            seen);
    }

    private static int Int(JsonNode row, string name) => row[name]!.GetValue<int>();
}
