using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using IncidentBot.Dialogs.Incidents;
using IncidentBot.IntegrationTests.Bot;

namespace IncidentBot.IntegrationTests.SocketMode;

/// <summary>
/// Slash commands, interactions and events arriving as Socket Mode envelopes: acknowledged by
/// envelope id with what the HTTP endpoints answer, doing what the HTTP path does, once.
/// </summary>
public sealed class SocketModeDeliveryTests(SocketModeFixture fixture) : IClassFixture<SocketModeFixture>
{
    private readonly SocketModeBot _socket = fixture.Bot;
    private FakeSocketModeServer Sockets => _socket.Sockets;
    private BotApplication Bot => _socket.Bot;

    private static JsonObject Command(string team, string text, string triggerId) => new()
    {
        ["token"] = "legacy-verification-token",
        ["team_id"] = team,
        ["team_domain"] = "tands",
        ["channel_id"] = SlackRequests.Channel,
        ["channel_name"] = "general",
        ["user_id"] = SlackRequests.User,
        ["user_name"] = "alice",
        ["command"] = "/incident",
        ["text"] = text,
        ["api_app_id"] = FakeSocketModeServer.AppId,
        ["is_enterprise_install"] = "false",
        ["response_url"] = "https://hooks.slack.com/commands/T0TEST/1/abc",
        ["trigger_id"] = triggerId,
    };

    private static JsonObject Callback(string team, string eventId, object inner) => new()
    {
        ["token"] = "legacy",
        ["team_id"] = team,
        ["api_app_id"] = FakeSocketModeServer.AppId,
        ["type"] = "event_callback",
        ["event_id"] = eventId,
        ["event_time"] = 1732540000,
        ["event"] = JsonSerializer.SerializeToNode(inner),
    };

    private static JsonObject Submission(string team, string viewId, string title) => JsonSerializer.SerializeToNode(new
    {
        type = "view_submission",
        team = new { id = team, domain = "tands" },
        user = new { id = SlackRequests.User, team_id = team },
        api_app_id = FakeSocketModeServer.AppId,
        trigger_id = "trigger." + Guid.NewGuid().ToString("N"),
        view = new
        {
            id = viewId,
            hash = "1700000000.abc",
            callback_id = "incident.declare",
            private_metadata = "{\"channel\":\"C0GENERAL\"}",
            state = new
            {
                values = new Dictionary<string, object>
                {
                    ["title"] = new { value = new { type = "plain_text_input", value = title } },
                    ["severity"] = new { value = new { type = "static_select", selected_option = new { value = "sev2" } } },
                    ["source"] = new { value = new { type = "static_select", selected_option = new { value = "partner" } } },
                    ["markets"] = new { value = new { type = "plain_text_input", value = "NP" } },
                    ["languages"] = new { value = new { type = "plain_text_input", value = "ne" } },
                    ["description"] = new { value = new { type = "plain_text_input", value = (string?)null } },
                    ["restricted"] = new { value = new { type = "checkboxes", selected_options = Array.Empty<object>() } },
                },
            },
        },
    })!.AsObject();

    [Fact]
    public async Task A_slash_command_envelope_is_acked_with_the_reply_and_declares_as_over_http()
    {
        var team = BotFixture.NewTeam();

        var envelope = await Sockets.SendEnvelopeAsync("slash_commands", Command(team, $"declare sev2 Self-harm challenge {team} --market NP", "trig." + team), acceptsResponsePayload: true);

        var ack = await Sockets.WaitForAckAsync(envelope);
        Assert.Equal("ephemeral", (string?)ack["payload"]!["response_type"]); // as over HTTP: the declarer is told, the channel hears it from the bot
        Assert.Contains("INC-1", (string?)ack["payload"]!["text"], StringComparison.Ordinal);
        var incident = (await Bot.Incidents.FindAsync(new WorkspaceId(team), new IncidentNumber(1), default))!.Value;
        Assert.Equal(["NP"], incident.Markets);
        // The jobs asked for during the envelope ran once the ack had gone: the channel opens and gets its summary.
        var summary = await Bot.WaitForSlackAsync("chat.postMessage", c => c.Arg("text")!.Contains(team, StringComparison.Ordinal) && c.Arg("channel") != BotApplication.AnnouncementChannel);
        await Bot.WaitForSlackAsync("pins.add", c => c.Arg("channel") == summary.Arg("channel"));
    }

    [Fact]
    public async Task A_retried_slash_command_envelope_is_acked_and_declares_nothing_twice()
    {
        var team = BotFixture.NewTeam();
        var command = Command(team, $"declare sev3 Spam wave {team}", "trig." + team);

        var first = await Sockets.SendEnvelopeAsync("slash_commands", command, acceptsResponsePayload: true);
        await Sockets.WaitForAckAsync(first);
        var again = await Sockets.SendEnvelopeAsync("slash_commands", (JsonObject)command.DeepClone(), acceptsResponsePayload: true, connection: Sockets.OpenConnections[^1]);
        var ack = await Sockets.WaitForAckAsync(again);

        Assert.Contains("already handled", (string?)ack["payload"]!["text"], StringComparison.Ordinal);
        Assert.NotNull(await Bot.Incidents.FindAsync(new WorkspaceId(team), new IncidentNumber(1), default));
        Assert.Null(await Bot.Incidents.FindAsync(new WorkspaceId(team), new IncidentNumber(2), default));
    }

    [Fact]
    public async Task A_query_envelope_is_acked_with_its_answer()
    {
        var envelope = await Sockets.SendEnvelopeAsync("slash_commands", Command(BotFixture.NewTeam(), "help", "trig.help." + Guid.NewGuid()), acceptsResponsePayload: true);

        var ack = await Sockets.WaitForAckAsync(envelope);

        Assert.Equal("ephemeral", (string?)ack["payload"]!["response_type"]);
        Assert.Contains("declare", (string?)ack["payload"]!["text"], StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_declare_form_submission_envelope_is_acked_with_the_view_update()
    {
        var team = BotFixture.NewTeam();

        var envelope = await Sockets.SendEnvelopeAsync("interactive", Submission(team, "V1" + team, "Trusted flagger escalation"), acceptsResponsePayload: true);

        var ack = await Sockets.WaitForAckAsync(envelope);
        Assert.Equal("update", (string?)ack["payload"]!["response_action"]);
        Assert.Contains("INC-1", ack["payload"]!["view"]!.ToJsonString(), StringComparison.Ordinal);
        Assert.Equal(IncidentSource.Partner, (await Bot.Incidents.FindAsync(new WorkspaceId(team), new IncidentNumber(1), default))!.Value.Source);
    }

    [Fact]
    public async Task A_join_button_envelope_is_acked_without_a_payload_and_adds_the_person_once()
    {
        var team = BotFixture.NewTeam();
        await Sockets.WaitForAckAsync(await Sockets.SendEnvelopeAsync("slash_commands", Command(team, $"declare sev2 Join me {team}", "trig." + team), acceptsResponsePayload: true));
        JsonObject Press() => JsonSerializer.SerializeToNode(new
        {
            type = "block_actions",
            team = new { id = team, domain = "tands" },
            user = new { id = "U0ERIN", team_id = team },
            trigger_id = "trigger.join." + team,
            container = new { type = "message", message_ts = "1732540000.000100", channel_id = BotApplication.AnnouncementChannel },
            actions = new[] { new { action_id = "incident.join", block_id = "join:1", value = "INC-1", type = "button", action_ts = "1732540001.000200" } },
        })!.AsObject();

        var envelope = await Sockets.SendEnvelopeAsync("interactive", Press(), acceptsResponsePayload: false);
        var ack = await Sockets.WaitForAckAsync(envelope);
        var retry = await Sockets.SendEnvelopeAsync("interactive", Press(), acceptsResponsePayload: false);
        await Sockets.WaitForAckAsync(retry);

        Assert.False(ack.ContainsKey("payload"));
        var incident = (await Bot.Incidents.FindAsync(new WorkspaceId(team), new IncidentNumber(1), default))!.Value;
        Assert.Contains(new UserId("U0ERIN"), incident.Participants);
        var joins = (await Bot.Incidents.TimelineAsync(team, new IncidentNumber(1), default).ToListAsync()).Count(e => e.Kind == TimelineKind.Joined);
        Assert.Equal(1, joins);
        Assert.Contains(Bot.Logs.Logs, l => l.Message.Contains("Ignored repeated Slack delivery interaction", StringComparison.Ordinal));
    }

    [Fact]
    public async Task An_event_envelope_is_acked_runs_the_mention_and_its_retry_does_nothing_twice()
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

        var first = await Sockets.SendEnvelopeAsync("events_api", mention, acceptsResponsePayload: false);
        var firstAck = await Sockets.WaitForAckAsync(first);
        var retry = await Sockets.SendEnvelopeAsync("events_api", (JsonObject)mention.DeepClone(), acceptsResponsePayload: false, retryAttempt: 1);
        await Sockets.WaitForAckAsync(retry);

        Assert.False(firstAck.ContainsKey("payload"));
        Assert.Equal(["bho"], (await Bot.Incidents.FindAsync(new WorkspaceId(team), new IncidentNumber(1), default))!.Value.Languages);
        Assert.Null(await Bot.Incidents.FindAsync(new WorkspaceId(team), new IncidentNumber(2), default));
        var reply = await Bot.WaitForSlackAsync("chat.postEphemeral", c => c.Arg("user") == "U0DAVE" && c.Arg("channel") == "C0TRUST");
        Assert.Contains("INC-1", reply.Arg("text"), StringComparison.Ordinal);
        Assert.Contains(Bot.Logs.Logs, l => l.Message.Contains("Ignored repeated Slack delivery event", StringComparison.Ordinal) && l.Message.Contains("retry 1", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Two_connections_are_open_and_readiness_shows_them()
    {
        Assert.True(Sockets.OpenConnections.Count >= 2);

        var check = await _socket.ReadinessAsync();

        Assert.Equal("Healthy", (string?)check["status"]);
        Assert.StartsWith("2 of 2 connection(s) open", (string?)check["description"], StringComparison.Ordinal);
    }

    [Fact]
    public async Task Without_a_signing_secret_the_request_urls_answer_503_and_do_nothing()
    {
        var team = BotFixture.NewTeam();

        var response = await _socket.Client.SendAsync(SlackRequests.Command($"declare sev1 Forged {team}", Bot.Clock, team: team));

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.Contains("Socket Mode", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Null(await Bot.Incidents.FindAsync(new WorkspaceId(team), new IncidentNumber(1), default));
    }
}
