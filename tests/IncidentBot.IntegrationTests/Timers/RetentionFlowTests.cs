using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using IncidentBot.Dialogs.Evidence;
using IncidentBot.Dialogs.Incidents;
using IncidentBot.IntegrationTests.Bot;

namespace IncidentBot.IntegrationTests.Timers;

/// <summary>
/// Legal holds and the six-month retention purge on the whole bot: reports arrive over the intake
/// API, incidents are closed and held over signed slash commands, and the fake clock is moved past
/// the retention period for the scheduled job to run (<see cref="TimersBot.AdvanceAsync"/>).
/// </summary>
public sealed class RetentionFlowTests : IAsyncLifetime
{
    private const string PartnerKey = "partner-key-0123456789abcdef";

    private TimersBot _bot = null!;

    public async Task InitializeAsync() => _bot = await TimersBot.StartAsync(new Dictionary<string, string?>
    {
        ["Intake:WorkspaceId"] = SlackRequests.Team,
        ["Intake:Platform"] = "slack",
        ["Intake:Sources:partner:Key"] = PartnerKey,
    });

    public async Task DisposeAsync() => await _bot.DisposeAsync();

    private Task<List<LedgerEntry>> LedgerAsync(int number) =>
        new LedgerStore(_bot.Bot.Documents).ReadAsync(SlackRequests.Team, new IncidentNumber(number), 0, null, CancellationToken.None).ToListAsync().AsTask();

    private async Task<Incident> IncidentAsync(int number) =>
        (await _bot.Bot.Incidents.FindAsync(new WorkspaceId(SlackRequests.Team), new IncidentNumber(number), CancellationToken.None))!.Value;

    private async Task<List<string>> ReportIdsAsync(int number) =>
        await _bot.Bot.Documents.QueryAsync<ReportDocument>(ReportDocument.QueryFor(SlackRequests.Team, number), CancellationToken.None)
            .Select(r => r.Value.Id).ToListAsync();

    /// <summary>A partner's report over the intake API; the number of the incident it opened or joined.</summary>
    private async Task<int> ReportAsync(string trendKey)
    {
        var body = new JsonObject
        {
            ["externalId"] = Guid.NewGuid().ToString("N")[..12],
            ["text"] = "A video of the attack is being re-uploaded under new titles.",
            ["trendKey"] = trendKey,
            ["market"] = "NP",
        };
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/intake/reports")
        {
            Content = new StringContent(body.ToJsonString(), Encoding.UTF8, "application/json"),
        };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", PartnerKey);
        using var response = await _bot.Client.SendAsync(request);
        var answer = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.Accepted, answer);
        return (int)JsonNode.Parse(answer)!["incident"]!;
    }

    /// <summary>Reports of one trend open an incident; it gets its channel, is resolved and closed.</summary>
    private async Task<(int Number, string Channel)> ClosedIncidentWithReportsAsync(string trendKey, int reports)
    {
        var number = await ReportAsync(trendKey);
        for (var i = 1; i < reports; i++)
            Assert.Equal(number, await ReportAsync(trendKey));
        await _bot.RunDueAsync();
        var channel = await _bot.ChannelOfAsync(number);
        await _bot.CommandAsync($"INC-{number} lead <@{TimersBot.Lead}|lena>");
        await _bot.CommandAsync($"INC-{number} resolve Uploads blocked by hash", user: TimersBot.Lead);
        await _bot.CommandAsync($"INC-{number} close", user: TimersBot.Lead);
        await _bot.RunDueAsync();
        Assert.Equal(IncidentStatus.Closed, (await IncidentAsync(number)).Status);
        return (number, channel);
    }

    [Fact]
    public async Task Only_the_lead_or_an_admin_places_a_hold()
    {
        var (number, _) = await _bot.DeclareAsync("sev2 Takedown order --source regulator");
        await _bot.CommandAsync($"INC-{number} lead <@{TimersBot.Lead}|lena>");

        var refused = await _bot.ReplyTextAsync($"INC-{number} hold", user: TimersBot.Bob);
        var placed = await _bot.ReplyTextAsync($"INC-{number} hold", user: TimersBot.Lead);
        var again = await _bot.ReplyTextAsync($"INC-{number} hold", user: TimersBot.Lead);

        Assert.Contains("Only the lead", refused, StringComparison.Ordinal);
        Assert.Contains("on legal hold", placed, StringComparison.Ordinal);
        Assert.Contains("already on hold", again, StringComparison.Ordinal);
        var incident = await IncidentAsync(number);
        Assert.Equal(TimersBot.Lead, incident.Hold?.By.Value);
        Assert.Single(await LedgerAsync(number), e => e.Kind == "hold.placed");
    }

    [Fact]
    public async Task Six_months_after_closing_the_scheduled_job_purges_the_chat_side_and_reports_but_not_of_a_held_incident()
    {
        var (purged, purgedChannel) = await ClosedIncidentWithReportsAsync("#reupload-wave-1", reports: 3);
        var (held, heldChannel) = await ClosedIncidentWithReportsAsync("#reupload-wave-2", reports: 2);
        var purgedReports = await ReportIdsAsync(purged);
        Assert.Equal(3, purgedReports.Count);
        Assert.Contains("on legal hold", await _bot.ReplyTextAsync($"INC-{held} hold litigation", user: TimersBot.Lead), StringComparison.Ordinal);
        var closedAt = (await IncidentAsync(purged)).ClosedAt!.Value;

        await _bot.AdvanceToAsync(closedAt.AddMonths(6).AddDays(-1));

        Assert.Null((await IncidentAsync(purged)).PurgedAt);
        Assert.Equal(3, (await ReportIdsAsync(purged)).Count);
        Assert.Empty(_bot.Slack.CallsTo("conversations.archive"));

        await _bot.AdvanceAsync(TimeSpan.FromDays(2));

        var incident = await IncidentAsync(purged);
        Assert.NotNull(incident.PurgedAt);
        Assert.Empty(await ReportIdsAsync(purged));
        // The job server's reconciler may run the overdue purge while this test's runner does (two runs
        // at once, as on two instances): archiving is idempotent, the deletes and the entry are not repeated.
        var archived = _bot.Slack.CallsTo("conversations.archive");
        Assert.NotEmpty(archived);
        Assert.All(archived, a => Assert.Equal(purgedChannel, a.Arg("channel")));
        var entry = Assert.Single(await LedgerAsync(purged), e => e.Kind == "purged");
        var details = entry.Data.GetProperty("details");
        Assert.Equal("3", details.GetProperty("reportCount").GetString());
        Assert.Equal(purgedReports.Order(StringComparer.Ordinal), details.GetProperty("reports").GetString()!.Split(',').Order(StringComparer.Ordinal));
        Assert.Equal(purgedChannel, details.GetProperty("channel").GetString());
        Assert.Equal("true", details.GetProperty("channelArchived").GetString());

        Assert.Null((await IncidentAsync(held)).PurgedAt);
        Assert.Equal(2, (await ReportIdsAsync(held)).Count);
        Assert.DoesNotContain(_bot.Slack.CallsTo("conversations.archive"), c => c.Arg("channel") == heldChannel);
        Assert.DoesNotContain(await LedgerAsync(held), e => e.Kind == "purged");
    }
}
