using System.Net;
using System.Text.Json.Nodes;
using IncidentBot.Dialogs.Incidents;

namespace IncidentBot.IntegrationTests.Intake;

/// <summary>Many reports of one new trend at the same moment, on the embedded store and on the Cosmos-protocol test server.</summary>
public static class IntakeStorm
{
    public const int Reports = 300;

    /// <summary>
    /// Sends <see cref="Reports"/> reports of one trend nobody has seen, all at once, and checks
    /// that exactly one of them opened an incident, which counts all of them.
    /// </summary>
    public static async Task Three_hundred_concurrent_reports_of_a_new_trend_make_one_incident_counting_300(IntakeBot bot)
    {
        var trend = "#storm-" + IntakeBot.NewId();
        var before = await bot.IncidentCountAsync();
        using var start = new SemaphoreSlim(0);
        var sends = Enumerable.Range(0, Reports).Select(async i =>
        {
            await start.WaitAsync();
            var source = (i % 3) switch { 0 => IncidentSource.Trending, 1 => IncidentSource.Partner, _ => IncidentSource.UserReport };
            var report = IntakeBot.Report(trendKey: trend);
            report["market"] = (i % 4) switch { 0 => "NP", 1 => "IN", 2 => "BD", _ => "NP" };
            using var response = await bot.PostAsync(source, report);
            var body = await response.Content.ReadAsStringAsync();
            Assert.True(response.StatusCode == HttpStatusCode.Accepted, $"Report {i}: {(int)response.StatusCode} {body}\n{bot.Bot.ProblemLog()}");
            return JsonNode.Parse(body)!;
        }).ToList();
        start.Release(Reports);
        var answers = await Task.WhenAll(sends);

        var number = Assert.Single(answers.Select(a => (int)a["incident"]!).Distinct());
        Assert.Single(answers, a => !(bool)a["merged"]!);
        Assert.Equal(Reports, answers.Select(a => (string)a["reportId"]!).Distinct().Count());
        Assert.Equal(before + 1, await bot.IncidentCountAsync());
        var incident = await bot.IncidentAsync(number);
        Assert.Equal(Reports, (int)incident["reportCount"]!);
        Assert.Equal(["BD", "IN", "NP"], incident["markets"]!.AsArray().Select(m => (string)m!).Order(StringComparer.Ordinal));
        Assert.Equal(["partner", "trending", "user-report"], incident["reportSources"]!.AsArray().Select(s => (string)s!).Order(StringComparer.Ordinal));
        var sequences = new List<int>();
        int? after = 0;
        for (var page = 0; page < 10 && after is { } next; page++)
        {
            var listed = await bot.GetAsync($"/api/incidents/{number}/reports?workspace={IntakeBot.Workspace}&after={next}&limit=100");
            sequences.AddRange(listed["reports"]!.AsArray().Select(r => (int)r!["sequence"]!));
            after = (int?)listed["next"];
        }
        Assert.Equal(Enumerable.Range(1, Reports), sequences);
    }
}

public sealed class IntakeStormTests(IntakeBot bot) : IClassFixture<IntakeBot>
{
    [Fact]
    public Task Three_hundred_concurrent_reports_of_a_new_trend_make_one_incident_counting_300() =>
        IntakeStorm.Three_hundred_concurrent_reports_of_a_new_trend_make_one_incident_counting_300(bot);
}

public sealed class CosmosIntakeStormTests : IAsyncLifetime
{
    private readonly IntakeBot _bot = IntakeBot.OnCosmos();

    public Task InitializeAsync() => _bot.InitializeAsync();

    public Task DisposeAsync() => _bot.DisposeAsync();

    [Fact]
    public Task Three_hundred_concurrent_reports_of_a_new_trend_make_one_incident_counting_300_on_cosmos() =>
        IntakeStorm.Three_hundred_concurrent_reports_of_a_new_trend_make_one_incident_counting_300(_bot);
}
