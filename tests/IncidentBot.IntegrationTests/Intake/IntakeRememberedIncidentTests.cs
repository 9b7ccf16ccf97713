using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using IncidentBot.Dialogs.Evidence;
using IncidentBot.Dialogs.Incidents;

namespace IncidentBot.IntegrationTests.Intake;

/// <summary>
/// A report joins from the copy of the incident this instance last stored, without reading it: when
/// another instance on the same store changed the incident since, the copy is stale and the ETag must
/// still decide. Two bots over one SQLite file, reports over real HTTP to each.
/// </summary>
public sealed class IntakeRememberedIncidentTests(IntakeBot bot) : IClassFixture<IntakeBot>, IAsyncLifetime
{
    private static readonly UserId Lead = new("U0LEAD");

    private BotApplication? _other;
    private HttpClient? _otherClient;

    private BotApplication Other => _other ?? throw new InvalidOperationException("Not started.");

    public Task InitializeAsync()
    {
        // The second instance: the same file, the same Slack stand-in, clock and intake key (only the trending source reports to it).
        _other = new BotApplication(bot.Slack, bot.DatabasePath, bot.Clock, new Dictionary<string, string?>
        {
            ["Intake:WorkspaceId"] = IntakeBot.Workspace,
            ["Intake:Platform"] = "slack",
            ["Intake:Sources:trending:Key"] = IntakeBot.TrendingKey,
        });
        _otherClient = _other.Start();
        return Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        _otherClient?.Dispose();
        if (_other is not null)
            await _other.DisposeAsync();
    }

    [Fact]
    public async Task A_report_joining_after_the_other_instance_joined_one_is_counted_once_with_the_others()
    {
        var trend = "#remembered-" + IntakeBot.NewId();
        var number = await OpenAsync(trend);
        Assert.Equal(number, await JoinHereAsync(trend)); // this instance now holds the copy it stored: 2 reports
        Assert.Equal(number, await JoinThereAsync(trend)); // the other instance: 3, the copy here is stale

        var answers = new List<JsonNode>();
        for (var i = 0; i < 3; i++)
            answers.Add(await bot.ReportAsync(IncidentSource.Trending, IntakeBot.Report(trendKey: trend)));

        Assert.All(answers, answer => Assert.Equal((number, true), ((int)answer["incident"]!, (bool)answer["merged"]!)));
        var incident = await bot.IncidentAsync(number);
        Assert.Equal(6, (int)incident["reportCount"]!);
        AssertEachCountedOnce(await bot.GetAsync($"/api/incidents/{number}/reports?workspace={IntakeBot.Workspace}&limit=50"), 6);
    }

    [Fact]
    public async Task A_report_after_the_other_instance_resolved_the_incident_opens_a_new_one_and_the_resolved_one_keeps_its_count()
    {
        var trend = "#resolved-elsewhere-" + IntakeBot.NewId();
        var number = await OpenAsync(trend);
        Assert.Equal(number, await JoinHereAsync(trend)); // the copy here says open, 2 reports
        var resolved = await Other.Incidents.UpdateAsync(IntakeBot.Workspace, new IncidentNumber(number),
            incident => IncidentLifecycle.ChangeStatus(incident, IncidentStatus.Resolved, Lead, bot.Clock.GetUtcNow()), CancellationToken.None);
        Assert.True(resolved.IsSuccess);

        var answer = await bot.ReportAsync(IncidentSource.Trending, IntakeBot.Report(trendKey: trend));

        var opened = (int)answer["incident"]!;
        Assert.NotEqual(number, opened);
        Assert.False((bool)answer["merged"]!);
        Assert.Equal(2, (int)(await bot.IncidentAsync(number))["reportCount"]!);
        Assert.Equal(1, (int)(await bot.IncidentAsync(opened))["reportCount"]!);
        Assert.Equal(opened, await JoinHereAsync(trend)); // and the trend now follows the new incident
    }

    [Fact]
    public async Task A_report_after_the_other_instance_reopened_an_incident_resolved_here_joins_it()
    {
        var trend = "#reopened-elsewhere-" + IntakeBot.NewId();
        var number = await OpenAsync(trend);
        var resolved = await bot.Bot.Incidents.UpdateAsync(IntakeBot.Workspace, new IncidentNumber(number),
            incident => IncidentLifecycle.ChangeStatus(incident, IncidentStatus.Resolved, Lead, bot.Clock.GetUtcNow()), CancellationToken.None);
        Assert.True(resolved.IsSuccess); // the copy here says resolved
        var reopened = await Other.Incidents.UpdateAsync(IntakeBot.Workspace, new IncidentNumber(number),
            incident => IncidentLifecycle.Reopen(incident, Lead, bot.Clock.GetUtcNow()), CancellationToken.None);
        Assert.True(reopened.IsSuccess);

        Assert.Equal(number, await JoinHereAsync(trend));
        Assert.Equal(2, (int)(await bot.IncidentAsync(number))["reportCount"]!);
    }

    [Fact]
    public async Task Concurrent_reports_to_both_instances_of_one_trend_are_each_counted_once()
    {
        var trend = "#both-" + IntakeBot.NewId();
        var number = await OpenAsync(trend);
        const int each = 40;
        var here = Enumerable.Range(0, each).Select(_ => JoinHereAsync(trend));
        var there = Enumerable.Range(0, each).Select(_ => JoinThereAsync(trend));

        var numbers = await Task.WhenAll(here.Concat(there));

        Assert.All(numbers, joined => Assert.Equal(number, joined));
        Assert.Equal(1 + (2 * each), (int)(await bot.IncidentAsync(number))["reportCount"]!);
        AssertEachCountedOnce(await bot.GetAsync($"/api/incidents/{number}/reports?workspace={IntakeBot.Workspace}&limit=200"), 1 + (2 * each));
        // Each instance chains on the ledger entry it last appended unless the other appended since: the chain must stay whole.
        await AssertLedgerWholeAsync(number, atLeast: 1 + (2 * each));
    }

    private async Task<int> OpenAsync(string trend)
    {
        var answer = await bot.ReportAsync(IncidentSource.Trending, IntakeBot.Report(trendKey: trend));
        Assert.False((bool)answer["merged"]!);
        return (int)answer["incident"]!;
    }

    private async Task<int> JoinHereAsync(string trend)
    {
        var answer = await bot.ReportAsync(IncidentSource.Trending, IntakeBot.Report(trendKey: trend));
        Assert.True((bool)answer["merged"]!);
        return (int)answer["incident"]!;
    }

    private async Task<int> JoinThereAsync(string trend)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/intake/reports")
        {
            Content = new StringContent(IntakeBot.Report(trendKey: trend).ToJsonString(), Encoding.UTF8, "application/json"),
        };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", IntakeBot.TrendingKey);
        using var response = await _otherClient!.SendAsync(request);
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.Accepted, $"{(int)response.StatusCode} {body}\n{Other.ProblemLog()}");
        var answer = JsonNode.Parse(body)!;
        Assert.True((bool)answer["merged"]!);
        return (int)answer["incident"]!;
    }

    private async Task AssertLedgerWholeAsync(int number, int atLeast)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, $"/api/incidents/{number}/ledger?workspace={IntakeBot.Workspace}&limit=10000");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", BotApplication.ApiKey);
        using var response = await bot.Client.SendAsync(request);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        await using var lines = await response.Content.ReadAsStreamAsync();
        var checkedLedger = await LedgerChecker.CheckLinesAsync(lines, CancellationToken.None);
        Assert.True(checkedLedger.IsValid, string.Join("\n", checkedLedger.Problems));
        Assert.InRange(checkedLedger.Entries, atLeast, int.MaxValue);
        Assert.Equal(checkedLedger.Entries.ToString(CultureInfo.InvariantCulture), Assert.Single(response.Headers.GetValues("X-Ledger-Head-Seq")));
    }

    /// <summary>Every report stored once, each with its own place in the incident's count: 1, 2, … n.</summary>
    private static void AssertEachCountedOnce(JsonNode page, int count)
    {
        var reports = page["reports"]!.AsArray();
        Assert.Equal(Enumerable.Range(1, count), reports.Select(r => (int)r!["sequence"]!).Order());
    }
}
