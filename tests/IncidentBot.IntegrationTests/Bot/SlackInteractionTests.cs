using System.Net;
using System.Text.Json.Nodes;
using IncidentBot.Dialogs.Incidents;

namespace IncidentBot.IntegrationTests.Bot;

/// <summary>The declare modal, the message shortcut and buttons, as Slack's interactivity requests.</summary>
public sealed class SlackInteractionTests(BotFixture fixture) : IClassFixture<BotFixture>
{
    private readonly HttpClient _client = fixture.Client;
    private readonly BotApplication _bot = fixture.Bot;

    private static object Submission(string team, string viewId, string? title, string severity = "sev2", string source = "partner",
        string? markets = "NP, IN", string? languages = "ne,bho", bool restricted = false) => new
    {
        type = "view_submission",
        team = new { id = team, domain = "tands" },
        user = new { id = SlackRequests.User, team_id = team },
        api_app_id = "A0BOT",
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
                    ["severity"] = new { value = new { type = "static_select", selected_option = new { value = severity } } },
                    ["source"] = new { value = new { type = "static_select", selected_option = new { value = source } } },
                    ["markets"] = new { value = new { type = "plain_text_input", value = markets } },
                    ["languages"] = new { value = new { type = "plain_text_input", value = languages } },
                    ["description"] = new { value = new { type = "plain_text_input", value = (string?)null } },
                    ["restricted"] = new { value = new { type = "checkboxes", selected_options = restricted ? new object[] { new { value = "restricted" } } : [] } },
                },
            },
        },
    };

    private async Task<JsonNode?> PostAsync(object payload)
    {
        var response = await _client.SendAsync(SlackRequests.Interaction(payload, _bot.Clock));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = await response.Content.ReadAsStringAsync();
        return body.Length == 0 ? null : JsonNode.Parse(body);
    }

    [Fact]
    public async Task A_valid_form_declares_and_turns_the_modal_into_a_confirmation()
    {
        var team = BotFixture.NewTeam();

        var answer = await PostAsync(Submission(team, "V1" + team, "Trusted flagger escalation: self-harm challenge"));

        Assert.Equal("update", (string?)answer!["response_action"]);
        Assert.Contains("INC-1", answer["view"]!.ToJsonString(), StringComparison.Ordinal);
        var incident = (await _bot.Incidents.FindAsync(new WorkspaceId(team), new IncidentNumber(1), default))!.Value;
        Assert.Equal(IncidentSource.Partner, incident.Source);
        Assert.Equal(["NP", "IN"], incident.Markets);
        Assert.Equal(["ne", "bho"], incident.Languages);
        Assert.Equal(new ChannelId("C0GENERAL"), incident.OriginChannel);
    }

    [Fact]
    public async Task An_invalid_form_gets_an_error_on_each_bad_field_and_declares_nothing()
    {
        var team = BotFixture.NewTeam();

        var answer = await PostAsync(Submission(team, "V2" + team, title: "", markets: "NP, Atlantis", languages: "zz9"));

        Assert.Equal("errors", (string?)answer!["response_action"]);
        var errors = answer["errors"]!.AsObject();
        Assert.True(errors.ContainsKey("title"));
        Assert.Contains("Atlantis", (string?)errors["markets"], StringComparison.Ordinal);
        Assert.Contains("zz9", (string?)errors["languages"], StringComparison.Ordinal);
        Assert.Null(await _bot.Incidents.FindAsync(new WorkspaceId(team), new IncidentNumber(1), default));
    }

    [Fact]
    public async Task Submitting_the_same_form_twice_declares_once()
    {
        var team = BotFixture.NewTeam();
        var view = "V3" + team;

        var first = await PostAsync(Submission(team, view, "Double click on submit"));
        var second = await PostAsync(Submission(team, view, "Double click on submit"));

        Assert.Equal("update", (string?)first!["response_action"]);
        Assert.Contains("already declared", second!["view"]!.ToJsonString(), StringComparison.Ordinal);
        Assert.Null(await _bot.Incidents.FindAsync(new WorkspaceId(team), new IncidentNumber(2), default));
    }

    [Fact]
    public async Task The_message_shortcut_opens_the_form_prefilled_with_the_message_and_its_link()
    {
        var team = BotFixture.NewTeam();
        var payload = new
        {
            type = "message_action",
            callback_id = "incident.declare_from_message",
            trigger_id = "trigger.shortcut." + team,
            team = new { id = team, domain = "tands" },
            user = new { id = SlackRequests.User },
            channel = new { id = "C0REPORTS", name = "reports" },
            message_ts = "1732540000.000100",
            message = new { type = "message", text = "Government order &amp; deadline: remove video 123 within 1h", ts = "1732540000.000100", user = "U0REPORTER" },
            response_url = "https://hooks.slack.com/app/T/1/x",
        };

        await PostAsync(payload);

        var open = await _bot.WaitForSlackAsync("views.open", c => c.Arg("trigger_id") == "trigger.shortcut." + team);
        var view = open.JsonArg("view")!;
        var title = view["blocks"]!.AsArray().Single(b => (string?)b!["block_id"] == "title")!;
        Assert.Equal("Government order & deadline: remove video 123 within 1h", (string?)title["element"]!["initial_value"]);
        Assert.Contains("https://tands.slack.com/archives/C0REPORTS/p1732540000000100", (string?)view["private_metadata"], StringComparison.Ordinal);
    }

    [Fact]
    public async Task Join_on_an_announcement_invites_the_person_once_however_often_they_press()
    {
        var team = BotFixture.NewTeam();
        await _client.SendAsync(SlackRequests.Command($"declare sev2 Joinable {team}", _bot.Clock, team: team));
        var summary = await _bot.WaitForSlackAsync("chat.postMessage", c => c.Arg("text")!.Contains(team, StringComparison.Ordinal) && c.Arg("channel") != BotApplication.AnnouncementChannel);
        var channel = summary.Arg("channel")!;
        object Press(string ts) => new
        {
            type = "block_actions",
            team = new { id = team, domain = "tands" },
            user = new { id = "U0CAROL" },
            trigger_id = "t",
            container = new { type = "message", message_ts = "1732540000.000200", channel_id = BotApplication.AnnouncementChannel },
            response_url = fixture.Slack.ResponseUrlFor($"{team}-{ts}"),
            actions = new[] { new { action_id = "incident.join", block_id = "join:1", value = "INC-1", type = "button", action_ts = ts } },
        };

        await Task.WhenAll(PostAsync(Press("1.1")), PostAsync(Press("1.2")));

        await _bot.WaitForSlackAsync("conversations.invite", c => c.Arg("channel") == channel && c.Arg("users") == "U0CAROL");
        var notes = new[] { await fixture.Slack.WaitForResponseUrlPostAsync($"{team}-1.1"), await fixture.Slack.WaitForResponseUrlPostAsync($"{team}-1.2") };
        Assert.Single(notes, n => n.Body.Contains("already in", StringComparison.Ordinal));
        Assert.All(notes, n => Assert.Contains("\"response_type\":\"ephemeral\"", n.Body, StringComparison.Ordinal));
        var incident = (await _bot.Incidents.FindAsync(new WorkspaceId(team), new IncidentNumber(1), default))!.Value;
        Assert.Equal([new UserId("U0CAROL")], incident.Participants);
    }

    [Fact]
    public async Task An_unknown_interaction_is_acknowledged_and_ignored()
    {
        var answer = await PostAsync(new { type = "view_closed", team = new { id = BotFixture.NewTeam() }, user = new { id = "U1" } });

        Assert.Null(answer);
    }
}
