using System.Net;
using IncidentBot.Dialogs.Incidents;
using IncidentBot.Slack.Inbound;

namespace IncidentBot.IntegrationTests.Bot;

/// <summary>A captured request stays refused for as long as its signature could still pass the timestamp check.</summary>
public sealed class SlackReplayWindowTests : IAsyncLifetime
{
    private readonly string _database = BotApplication.NewDatabasePath();
    private readonly ObservableTimeProvider _clock = new();
    private FakeSlackServer _slack = null!;
    private BotApplication _bot = null!;
    private HttpClient _client = null!;

    public async Task InitializeAsync()
    {
        _slack = await FakeSlackServer.StartAsync();
        // The widest window allowed (15 minutes), longer than the 10 minutes claims used to live.
        _bot = new BotApplication(_slack, _database, _clock, new Dictionary<string, string?> { ["Slack:MaxRequestAgeSeconds"] = "900" });
        _client = _bot.Start();
    }

    public async Task DisposeAsync()
    {
        _client.Dispose();
        await _bot.DisposeAsync();
        await _slack.DisposeAsync();
        BotApplication.DeleteDatabase(_database);
    }

    [Fact]
    public async Task A_command_replayed_late_in_a_wide_window_is_still_recognised_as_a_replay()
    {
        var team = BotFixture.NewTeam();
        var original = SlackRequests.Command("declare sev2 Replay late " + team, _clock, team: team);
        var body = await original.Content!.ReadAsStringAsync();
        var timestamp = original.Headers.GetValues(SlackRequestVerifier.TimestampHeader).Single();
        var signature = original.Headers.GetValues(SlackRequestVerifier.SignatureHeader).Single();
        Assert.Equal(HttpStatusCode.OK, (await _client.SendAsync(original)).StatusCode);

        _clock.Advance(TimeSpan.FromMinutes(14));
        var replay = await _client.SendAsync(SlackRequests.Raw("/slack/commands", body, "application/x-www-form-urlencoded", timestamp, signature));

        Assert.Equal(HttpStatusCode.OK, replay.StatusCode);
        Assert.Contains("already handled", await replay.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Null(await _bot.Incidents.FindAsync(new WorkspaceId(team), new IncidentNumber(2), default));
    }
}
