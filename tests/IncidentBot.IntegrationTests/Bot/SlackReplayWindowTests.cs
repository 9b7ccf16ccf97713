using System.Net;
using IncidentBot.Dialogs.Incidents;
using IncidentBot.Slack.Inbound;

namespace IncidentBot.IntegrationTests.Bot;

/// <summary>A captured request stays refused for as long as its signature could still pass the timestamp check.</summary>
public sealed class SlackReplayWindowTests : SlackBotFixture
{
    private readonly ObservableTimeProvider _clock = new();

    // The widest window allowed (15 minutes), longer than the 10 minutes claims used to live.
    protected override BotHostOptions BotOptions => new() { Clock = _clock, Settings = new Dictionary<string, string?> { ["Slack:MaxRequestAgeSeconds"] = "900" } };

    [Fact]
    public async Task A_command_replayed_late_in_a_wide_window_is_still_recognised_as_a_replay()
    {
        var team = BotFixture.NewTeam();
        var original = SlackRequests.Command("declare sev2 Replay late " + team, _clock, team: team);
        var body = await original.Content!.ReadAsStringAsync();
        var timestamp = original.Headers.GetValues(SlackRequestVerifier.TimestampHeader).Single();
        var signature = original.Headers.GetValues(SlackRequestVerifier.SignatureHeader).Single();
        Assert.Equal(HttpStatusCode.OK, (await Client.SendAsync(original)).StatusCode);

        _clock.Advance(TimeSpan.FromMinutes(14));
        var replay = await Client.SendAsync(SlackRequests.Raw("/slack/commands", body, "application/x-www-form-urlencoded", timestamp, signature));

        Assert.Equal(HttpStatusCode.OK, replay.StatusCode);
        Assert.Contains("already handled", await replay.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Null(await Bot.Incidents.FindAsync(new WorkspaceId(team), new IncidentNumber(2), default));
    }
}
