using System.Text.Json.Nodes;
using IncidentBot.IntegrationTests.Bot;
using IncidentBot.IntegrationTests.Teams;
using Microsoft.Extensions.Time.Testing;
using static IncidentBot.Testing.Builders.TeamsActivities;

namespace IncidentBot.IntegrationTests.Trends;

/// <summary><c>/incident stats</c>: the figures at once, then the chart — a PNG file on Slack (external upload flow), a card with the image on Teams.</summary>
public sealed class StatsChatTests(TrendsBot fixture) : IClassFixture<TrendsBot>
{
    private static readonly byte[] PngSignature = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A];

    [Fact]
    public async Task On_Slack_stats_answers_the_figures_in_the_channel_then_uploads_the_chart_as_a_png()
    {
        var workspace = await fixture.SeedAsync();
        var channel = "C" + Guid.NewGuid().ToString("N")[..9].ToUpperInvariant();

        using var response = await fixture.Client.SendAsync(SlackRequests.Command("stats 30d by market", fixture.Clock, channel: channel, team: workspace));

        response.EnsureSuccessStatusCode();
        var reply = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        Assert.Equal("in_channel", reply["response_type"]!.GetValue<string>());
        var text = reply["text"]!.GetValue<string>();
        Assert.Contains("Incidents by market, last 30 days", text, StringComparison.Ordinal);
        Assert.Contains("5 incidents", text, StringComparison.Ordinal);
        Assert.Contains("*IN*: 4 incidents", text, StringComparison.Ordinal);

        await fixture.Bot.RunDueWorkAsync();
        var url = await fixture.Bot.WaitForSlackAsync("files.getUploadURLExternal", c => c.Arg("filename") == "incidents-by-market-30d.png");
        Assert.StartsWith("Bar chart of incidents by market, last 30 days: IN 4", url.Arg("alt_txt"), StringComparison.Ordinal);
        var complete = await fixture.Bot.WaitForSlackAsync("files.completeUploadExternal", c => c.Arg("channel_id") == channel);
        var fileId = complete.JsonArg("files")![0]!["id"]!.GetValue<string>();
        var upload = await fixture.Slack.WaitForUploadAsync(fileId);
        Assert.Equal(PngSignature, upload.Content[..8]);
        Assert.True(upload.Content.Length > 2000, "a drawn chart, not an empty image");
    }

    [Fact]
    public async Task A_chart_job_that_runs_again_uploads_nothing_twice()
    {
        var workspace = await fixture.SeedAsync();
        var channel = "C" + Guid.NewGuid().ToString("N")[..9].ToUpperInvariant();
        using var response = await fixture.Client.SendAsync(SlackRequests.Command("stats 7d by severity", fixture.Clock, channel: channel, team: workspace));
        response.EnsureSuccessStatusCode();
        await fixture.Bot.RunDueWorkAsync();
        await fixture.Bot.WaitForSlackAsync("files.completeUploadExternal", c => c.Arg("channel_id") == channel);

        var chart = Assert.Single(await ChartRequestsAsync(workspace));
        await new Dialogs.Trends.TrendChartWork(
            Service<Dialogs.Trends.ITrendStore>(),
            Service<Dialogs.Trends.TrendChartSharing>(),
            Service<Dialogs.Reminders.ReminderDelivery>()).RunAsync(new(workspace), chart, default);

        Assert.Single(fixture.Slack.CallsTo("files.completeUploadExternal"), c => c.Arg("channel_id") == channel);
    }

    [Fact]
    public async Task Stats_with_a_cut_it_does_not_know_answers_with_the_usage_and_no_chart()
    {
        var workspace = await fixture.SeedAsync();

        using var response = await fixture.Client.SendAsync(SlackRequests.Command("stats by planet", fixture.Clock, team: workspace));

        var reply = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        Assert.Equal("ephemeral", reply["response_type"]!.GetValue<string>());
        Assert.Contains("`planet` is not a cut", reply["text"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Empty(await ChartRequestsAsync(workspace));
    }

    private T Service<T>()
        where T : notnull => (T)fixture.Bot.Services.GetService(typeof(T))!;

    private async Task<List<string>> ChartRequestsAsync(string workspace)
    {
        var ids = new List<string>();
        await foreach (var found in fixture.Bot.Documents.QueryAsync<Dialogs.Trends.TrendChartRequest>(
            new Dialogs.Storage.DocumentQuery(workspace, Dialogs.Trends.TrendChartRequest.DocumentType), default))
        {
            ids.Add(found.Value.Id);
        }
        return ids;
    }
}

/// <summary>The same command on Teams: the chart arrives as an Adaptive Card whose Image is an inline PNG.</summary>
public sealed class TeamsStatsTests : IAsyncLifetime
{
    private readonly string _database = BotApplication.NewDatabasePath();
    private FakeBotConnector _connector = null!;
    private TeamsBotApplication _bot = null!;

    public async Task InitializeAsync()
    {
        _connector = await FakeBotConnector.StartAsync();
        _bot = new TeamsBotApplication(_connector, _database, clock: new FakeTimeProvider(TrendDataSet.Now));
        _bot.Start();
        await TrendDataSet.SeedAsync(_bot.Documents, Tenant, default);
    }

    public async Task DisposeAsync()
    {
        await _bot.DisposeAsync();
        await _connector.DisposeAsync();
        BotApplication.DeleteDatabase(_database);
    }

    [Fact]
    public async Task On_Teams_stats_posts_the_figures_then_a_card_with_the_chart_image_and_its_alt_text()
    {
        var thread = GeneralThread();

        var response = await _bot.SendAsync(ChannelMessage(_connector.ServiceUrl, Alice, "stats 30d by regime", conversationId: thread));

        response.EnsureSuccessStatusCode();
        var figures = await _bot.WaitForConnectorAsync(c => c.CardText.Contains("Incidents by regime, last 30 days", StringComparison.Ordinal), "the figures");
        Assert.Contains("in-takedown-order", figures.CardText, StringComparison.Ordinal);

        await _bot.RunDueWorkAsync();
        var chart = await _bot.WaitForConnectorAsync(c => c.CardJson.Contains("\"Image\"", StringComparison.Ordinal), "the chart card");
        Assert.Equal(thread, chart.ConversationId);
        var image = JsonNode.Parse(chart.CardJson)!["body"]!.AsArray().Single(e => e!["type"]!.GetValue<string>() == "Image")!;
        var url = image["url"]!.GetValue<string>();
        Assert.StartsWith("data:image/png;base64,", url, StringComparison.Ordinal);
        Assert.True(url.Length <= IncidentBot.Teams.TeamsChatPlatform.MaxInlineImageChars);
        var png = Convert.FromBase64String(url["data:image/png;base64,".Length..]);
        Assert.Equal(new byte[] { 0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A }, png[..8]);
        Assert.StartsWith("Bar chart of incidents by regime", image["altText"]!.GetValue<string>(), StringComparison.Ordinal);
    }
}
