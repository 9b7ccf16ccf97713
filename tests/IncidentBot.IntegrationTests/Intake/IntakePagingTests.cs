using System.Text.Json.Nodes;
using IncidentBot.Dialogs.Incidents;
using IncidentBot.IntegrationTests.Bot;

namespace IncidentBot.IntegrationTests.Intake;

/// <summary>Reports page by the routing rules: the detected language routes, a trusted flagger pages its market's team at once.</summary>
public sealed class IntakePagingTests : IAsyncLifetime
{
    private const string NepalOnCall = "U0NPONCALL";
    private const string Legal = "U0LEGAL";

    private readonly string _directory = Path.Combine(Path.GetTempPath(), "incidentbot-tests", Guid.NewGuid().ToString("N"));
    private IntakeBot _bot = null!;

    public async Task InitializeAsync()
    {
        Directory.CreateDirectory(_directory);
        var file = Path.Combine(_directory, "oncall.yaml");
        await File.WriteAllTextAsync(file, """
            teams:
              - id: np
                rotations:
                  - id: np-primary
                    layers:
                      - timeZone: Asia/Kathmandu
                        start: 2026-01-05
                        shift: 7d
                        participants: [np.oncall@example.com]
            policies:
              - id: np-market
                steps:
                  - oncall: np-primary
                    wait: 30m
              - id: legal
                steps:
                  - person: legal@example.com
                    wait: 30m
            routing:
              - name: Nepal market
                markets: [NP]
                page: [np-market]
              - name: Nepali and Bhojpuri content
                languages: [ne, bho]
                page: [np-market]
              - name: government orders need Legal
                sources: [regulator]
                page: [legal]
            """);
        _bot = IntakeBot.With(
            new Dictionary<string, string?> { ["OnCall:ConfigPath"] = file },
            new FakeSlackUser(NepalOnCall, "Nepal On Call", "np.oncall@example.com", "Asia/Kathmandu"),
            new FakeSlackUser(Legal, "Legal", "legal@example.com"));
        await _bot.InitializeAsync();
    }

    public async Task DisposeAsync()
    {
        await _bot.DisposeAsync();
        Directory.Delete(_directory, recursive: true);
    }

    private static bool PagedFor(SlackApiCall call, string user, int number) =>
        call.Arg("channel") == user && call.Arg("text")?.StartsWith($"Page: INC-{number} ", StringComparison.Ordinal) == true;

    [Fact]
    public async Task A_report_in_nepali_from_another_market_pages_the_nepal_team_by_its_detected_language()
    {
        var report = IntakeBot.Report(trendKey: "#np-lang-" + IntakeBot.NewId(), text: "यो भिडियोमा बालबालिकाहरूलाई सास रोकेर बेहोस हुने चुनौती दिइँदैछ, कृपया छिटो हटाउनुहोस्।");
        report["market"] = "IN";

        var answer = await _bot.ReportAsync(IncidentSource.Trending, report);
        await _bot.RunDueAsync();

        Assert.Equal("ne", (string)answer["language"]!);
        var number = (int)answer["incident"]!;
        await _bot.Bot.WaitForSlackAsync("chat.postMessage", c => PagedFor(c, NepalOnCall, number));
        Assert.DoesNotContain(_bot.Slack.CallsTo("chat.postMessage"), c => PagedFor(c, Legal, number));
    }

    [Fact]
    public async Task A_regulator_order_pages_legal_by_routing()
    {
        var order = IntakeBot.Report(text: "Remove the listed posts within the statutory period.");
        order["market"] = "DE";
        order["language"] = "en";
        order["order"] = new JsonObject { ["authority"] = "BNetzA", ["reference"] = "DSA-" + IntakeBot.NewId() };

        var answer = await _bot.ReportAsync(IncidentSource.Regulator, order);
        await _bot.RunDueAsync();

        await _bot.Bot.WaitForSlackAsync("chat.postMessage", c => PagedFor(c, Legal, (int)answer["incident"]!));
    }

    [Fact]
    public async Task A_trusted_flagger_joining_an_incident_from_another_market_pages_its_market_team_at_once()
    {
        var trend = "#tf-page-" + IntakeBot.NewId();
        var first = IntakeBot.Report(trendKey: trend, text: "Children dare each other to faint on camera.");
        first["market"] = "BD";
        first["language"] = "en";
        var opened = await _bot.ReportAsync(IncidentSource.Trending, first);
        var number = (int)opened["incident"]!;
        await _bot.RunDueAsync();
        Assert.DoesNotContain(_bot.Slack.CallsTo("chat.postMessage"), c => PagedFor(c, NepalOnCall, number));

        var flagged = IntakeBot.Report(trendKey: trend, text: "The same dare is spreading in Nepal.");
        flagged["market"] = "NP";
        flagged["language"] = "en";
        flagged["reporter"] = new JsonObject { ["organisation"] = "Nepal child helpline", ["trustedFlagger"] = true };
        var joined = await _bot.ReportAsync(IncidentSource.Partner, flagged);
        await _bot.RunDueAsync();

        Assert.Equal(number, (int)joined["incident"]!);
        await _bot.Bot.WaitForSlackAsync("chat.postMessage", c => PagedFor(c, NepalOnCall, number));
    }
}
