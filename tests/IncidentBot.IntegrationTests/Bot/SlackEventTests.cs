using System.Net;
using System.Text.Json.Nodes;
using IncidentBot.Dialogs.Incidents;

namespace IncidentBot.IntegrationTests.Bot;

/// <summary>The Events API: the handshake, mentions, reactions, and Slack's retries.</summary>
public sealed class SlackEventTests(BotFixture fixture) : IClassFixture<BotFixture>
{
    private readonly HttpClient _client = fixture.Client;
    private readonly BotApplication _bot = fixture.Bot;

    private static object Callback(string team, string eventId, object inner) => new
    {
        token = "legacy",
        team_id = team,
        api_app_id = "A0BOT",
        type = "event_callback",
        event_id = eventId,
        event_time = 1732540000,
        @event = inner,
    };

    [Fact]
    public async Task The_url_verification_handshake_echoes_the_challenge()
    {
        var response = await _client.SendAsync(SlackRequests.Event(new { token = "x", challenge = "3eZbrw1aBm2rZgRNFdxV2595E9CY3gmdALWMmHkvFXO7tYXAYM8P", type = "url_verification" }, _bot.Clock));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("3eZbrw1aBm2rZgRNFdxV2595E9CY3gmdALWMmHkvFXO7tYXAYM8P", (string?)JsonNode.Parse(await response.Content.ReadAsStringAsync())!["challenge"]);
    }

    [Fact]
    public async Task A_mention_is_a_command_and_a_retried_delivery_runs_it_once()
    {
        var team = BotFixture.NewTeam();
        var mention = Callback(team, "Ev" + team, new
        {
            type = "app_mention",
            user = "U0DAVE",
            text = $"<@U0BOT> declare sev3 Spam wave in Bhojpuri comments {team} --market IN --lang bho",
            ts = "1732540000.000300",
            channel = "C0TRUST",
            event_ts = "1732540000.000300",
        });

        var first = await _client.SendAsync(SlackRequests.Event(mention, _bot.Clock));
        var retry = await _client.SendAsync(SlackRequests.Event(mention, _bot.Clock, retryNum: 1));

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal(HttpStatusCode.OK, retry.StatusCode);
        var incident = (await _bot.Incidents.FindAsync(new WorkspaceId(team), new IncidentNumber(1), default))!.Value;
        Assert.Equal(["bho"], incident.Languages);
        Assert.Null(await _bot.Incidents.FindAsync(new WorkspaceId(team), new IncidentNumber(2), default));
        var reply = await _bot.WaitForSlackAsync("chat.postEphemeral", c => c.Arg("user") == "U0DAVE" && c.Arg("channel") == "C0TRUST");
        Assert.Contains("INC-1", reply.Arg("text"), StringComparison.Ordinal);
        Assert.Contains(_bot.Logs.Logs, l => l.Message.Contains("Ignored repeated Slack delivery event", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_pushpin_reaction_in_an_incident_channel_adds_the_message_to_the_timeline_once()
    {
        var team = BotFixture.NewTeam();
        await _client.SendAsync(SlackRequests.Command($"declare sev2 Evidence thread {team}", _bot.Clock, team: team));
        var summary = await _bot.WaitForSlackAsync("chat.postMessage", c => c.Arg("text")!.Contains(team, StringComparison.Ordinal) && c.Arg("channel") != BotApplication.AnnouncementChannel);
        var channel = summary.Arg("channel")!;
        await _bot.WaitForSlackAsync("pins.add", c => c.Arg("channel") == channel);
        var ts = fixture.Slack.AddMessage(channel, "Uploader re-posted the clip under a new account", "U0ERIN");
        object Reaction(string user) => new { type = "reaction_added", user, reaction = "pushpin", item = new { type = "message", channel, ts }, item_user = "U0ERIN", event_ts = "1732540001.000100" };

        await _client.SendAsync(SlackRequests.Event(Callback(team, "EvA" + team, Reaction("U0FRANK")), _bot.Clock));
        await _client.SendAsync(SlackRequests.Event(Callback(team, "EvB" + team, Reaction("U0GINA")), _bot.Clock));

        await fixture.Slack.WaitForCallsAsync("chat.getPermalink", 2, c => c.Arg("channel") == channel);
        await _bot.RunDueWorkAsync();
        var captured = (await _bot.Incidents.TimelineAsync(team, new IncidentNumber(1), default).ToListAsync()).Where(e => e.Kind == TimelineKind.MessageAdded).ToList();
        var entry = Assert.Single(captured);
        Assert.Equal("Uploader re-posted the clip under a new account", entry.Text);
        Assert.NotNull(entry.Link);
    }

    [Fact]
    public async Task Other_reactions_and_unknown_events_are_acknowledged_and_ignored()
    {
        var team = BotFixture.NewTeam();

        var reaction = await _client.SendAsync(SlackRequests.Event(Callback(team, "EvC" + team,
            new { type = "reaction_added", user = "U1", reaction = "eyes", item = new { type = "message", channel = "C1", ts = "1.1" } }), _bot.Clock));
        var unknown = await _client.SendAsync(SlackRequests.Event(Callback(team, "EvD" + team, new { type = "channel_rename", channel = new { id = "C1" } }), _bot.Clock));
        var limited = await _client.SendAsync(SlackRequests.Event(new { token = "x", team_id = team, minute_rate_limited = 1518467820, api_app_id = "A0BOT", type = "app_rate_limited" }, _bot.Clock));

        Assert.All([reaction, unknown, limited], r => Assert.Equal(HttpStatusCode.OK, r.StatusCode));
        Assert.Contains(_bot.Logs.Logs, l => l.Message.Contains($"rate-limited event deliveries for {team}", StringComparison.Ordinal));
    }
}
