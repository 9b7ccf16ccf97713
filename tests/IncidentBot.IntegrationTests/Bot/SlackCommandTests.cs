using System.Net;
using System.Text.Json.Nodes;
using IncidentBot.Dialogs.Incidents;
using IncidentBot.Dialogs.Platform;

namespace IncidentBot.IntegrationTests.Bot;

/// <summary>Commands after the declare: in the incident channel, by INC-n elsewhere, and every way to get them wrong.</summary>
public sealed class SlackCommandTests(BotFixture fixture) : IClassFixture<BotFixture>
{
    private readonly HttpClient _client = fixture.Client;
    private readonly BotApplication _bot = fixture.Bot;

    private async Task<JsonNode> SendAsync(string text, string team, string? channel = null, string? user = null)
    {
        var response = await _client.SendAsync(SlackRequests.Command(text, _bot.Clock, user: user, channel: channel, team: team));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = await response.Content.ReadAsStringAsync();
        return body.Length == 0 ? new JsonObject() : JsonNode.Parse(body)!;
    }

    /// <summary>Declares and waits until the channel job has linked the incident to its channel.</summary>
    private async Task<(string Channel, Incident Incident)> DeclareAsync(string team, string title = "Harmful challenge")
    {
        await SendAsync($"declare sev2 {title} {team}", team);
        // The summary is the first post in the new channel; its fallback text carries the unique title.
        var summary = await _bot.WaitForSlackAsync("chat.postMessage",
            c => c.Arg("text")!.Contains(team, StringComparison.Ordinal) && c.Arg("channel") != BotApplication.AnnouncementChannel);
        var channel = summary.Arg("channel")!;
        await _bot.WaitForSlackAsync("pins.add", c => c.Arg("channel") == channel);
        // The declaration's announcement is the channel job's last step: after it, changes are announced as changes.
        await _bot.WaitForSlackAsync("chat.postMessage", c => c.Arg("channel") == BotApplication.AnnouncementChannel && c.Arg("text")!.Contains(team, StringComparison.Ordinal));
        var incident = (await _bot.Incidents.FindAsync(new WorkspaceId(team), new IncidentNumber(1), default))!.Value;
        Assert.Equal(channel, incident.Channel?.Value);
        return (channel, incident);
    }

    private static string Text(JsonNode reply) => (string?)reply["text"] ?? "";

    [Fact]
    public async Task Commands_in_the_incident_channel_change_the_record_and_post_the_change()
    {
        var team = BotFixture.NewTeam();
        var (channel, _) = await DeclareAsync(team);

        var reply = await SendAsync("status mitigated", team, channel);
        await SendAsync("sev 1", team, channel);
        await SendAsync("lead <@U0BOB|bob>", team, channel);
        await SendAsync("update Removed 40 videos; monitoring re-uploads", team, channel);

        Assert.Empty(Text(reply)); // the bot's post in the channel is the answer
        var incident = (await _bot.Incidents.FindAsync(new WorkspaceId(team), new IncidentNumber(1), default))!.Value;
        Assert.Equal(IncidentStatus.Mitigated, incident.Status);
        Assert.Equal(Severity.Sev1, incident.Severity);
        Assert.Equal(new UserId("U0BOB"), incident.Roles.Lead);
        Assert.NotNull(incident.LastStatusUpdateAt);
        var update = await _bot.WaitForSlackAsync("chat.postMessage", c => c.Arg("channel") == channel && c.Arg("text")!.Contains("Removed 40 videos", StringComparison.Ordinal));
        Assert.Equal("false", update.Arg("unfurl_links"));
        await _bot.WaitForSlackAsync("conversations.invite", c => c.Arg("channel") == channel && c.Arg("users")!.Contains("U0BOB", StringComparison.Ordinal));
        await _bot.WaitForSlackAsync("chat.update", c => c.Arg("channel") == channel);
        await _bot.WaitForSlackAsync("chat.postMessage", c => c.Arg("channel") == BotApplication.AnnouncementChannel && c.Arg("text")!.Contains("severity SEV2 → SEV1", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Elsewhere_the_incident_is_named_first_and_the_answer_is_private()
    {
        var team = BotFixture.NewTeam();
        await DeclareAsync(team);

        var reply = await SendAsync("INC-1 note Partner confirmed the takedown", team, channel: "C0ELSEWHERE");

        Assert.Equal("ephemeral", (string?)reply["response_type"]);
        Assert.Contains("INC-1", Text(reply), StringComparison.Ordinal);
        var timeline = await _bot.Incidents.TimelineAsync(team, new IncidentNumber(1), default).ToListAsync();
        Assert.Contains(timeline, e => e.Kind == TimelineKind.Note && e.Text == "Partner confirmed the takedown");
    }

    [Theory]
    [InlineData("frobnicate", "I don't know the command `frobnicate`")]
    [InlineData("declare sev9 Something", "`sev9` is not a severity")]
    [InlineData("declare Outage --source aliens", "`aliens` is not a source")]
    [InlineData("declare Outage --market XX1", "not a known market code")]
    [InlineData("declare Outage --lang klingonish", "not a known language code")]
    [InlineData("INC-99 status mitigated", "INC-99 does not exist")]
    [InlineData("status mitigated", "This is not an incident channel")]
    [InlineData("sev", "Say which severity")]
    [InlineData("lead @alice", "pick the person from the @ list")]
    public async Task Mistakes_get_a_private_answer_that_names_the_problem(string text, string expected)
    {
        var team = BotFixture.NewTeam();

        var reply = await SendAsync(text, team);

        Assert.Equal("ephemeral", (string?)reply["response_type"]);
        Assert.Contains(expected, Text(reply), StringComparison.Ordinal);
        Assert.Null(await _bot.Incidents.FindAsync(new WorkspaceId(team), new IncidentNumber(1), default));
    }

    [Fact]
    public async Task A_forbidden_transition_is_refused_and_changes_nothing()
    {
        var team = BotFixture.NewTeam();
        await SendAsync($"declare sev3 Not yet resolved {team}", team);

        var reply = await SendAsync("INC-1 close", team);

        Assert.Contains("Resolve it first", Text(reply), StringComparison.Ordinal);
        Assert.Equal(IncidentStatus.Declared, (await _bot.Incidents.FindAsync(new WorkspaceId(team), new IncidentNumber(1), default))!.Value.Status);
    }

    [Fact]
    public async Task Two_people_changing_one_incident_at_once_both_land_without_losing_either()
    {
        var team = BotFixture.NewTeam();
        await SendAsync($"declare sev3 Concurrent edits {team}", team);

        await Task.WhenAll(
            SendAsync("INC-1 sev 1", team, user: "U0ONE"),
            SendAsync("INC-1 lead <@U0TWO>", team, user: "U0TWO"),
            SendAsync("INC-1 note first", team, user: "U0THREE"),
            SendAsync("INC-1 note second", team, user: "U0FOUR"));

        var incident = (await _bot.Incidents.FindAsync(new WorkspaceId(team), new IncidentNumber(1), default))!.Value;
        Assert.Equal(Severity.Sev1, incident.Severity);
        Assert.Equal(new UserId("U0TWO"), incident.Roles.Lead);
        var versions = (await _bot.Incidents.TimelineAsync(team, new IncidentNumber(1), default).ToListAsync())
            .Where(e => e.Version is not null).Select(e => e.Version!.Value).ToList();
        Assert.Equal(versions.Distinct().Count(), versions.Count);
        Assert.True(incident.Version >= 5);
    }

    [Fact]
    public async Task Declare_without_a_title_opens_the_form()
    {
        var team = BotFixture.NewTeam();
        var trigger = $"trigger-{team}";

        var reply = await _client.SendAsync(SlackRequests.Command("declare sev1 --source regulator", _bot.Clock, triggerId: trigger, team: team));

        Assert.Equal(HttpStatusCode.OK, reply.StatusCode);
        var open = await _bot.WaitForSlackAsync("views.open", c => c.Arg("trigger_id") == trigger);
        var view = open.JsonArg("view")!;
        Assert.Equal("incident.declare", (string?)view["callback_id"]);
        Assert.Contains("sev1", view.ToJsonString(), StringComparison.Ordinal);
        Assert.Null(await _bot.Incidents.FindAsync(new WorkspaceId(team), new IncidentNumber(1), default));
    }

    [Fact]
    public async Task When_the_form_cannot_open_the_person_is_told_how_to_type_it()
    {
        var team = BotFixture.NewTeam();
        fixture.Slack.FailNext("views.open", "expired_trigger_id");

        var reply = await SendAsync("declare", team);

        Assert.Contains("couldn't open the declare form", Text(reply), StringComparison.Ordinal);
        Assert.Contains("/incident declare", Text(reply), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Help_lists_every_command_with_its_usage()
    {
        var reply = await SendAsync("help", BotFixture.NewTeam());

        // Placeholders such as <title> arrive escaped (&lt;title&gt;): Slack would read a bare <title> as a link.
        foreach (var usage in new[] { "declare [sev1-4] <title>", "list [open|all]", "show [INC-n]", "status <", "sev <1-4>", "lead @user", "update <text>", "resolve [summary]", "reopen" })
            Assert.Contains(usage, ChatText.Unescape(Text(reply)), StringComparison.Ordinal);
    }

    [Fact]
    public async Task List_shows_open_incidents_and_hides_restricted_titles_from_others()
    {
        var team = BotFixture.NewTeam();
        await SendAsync("declare sev2 Visible trend", team);
        await SendAsync("declare sev1 Minor safety case --restricted", team);

        var reply = await SendAsync("list", team, user: "U0SOMEONEELSE");

        Assert.Contains("Visible trend", Text(reply), StringComparison.Ordinal);
        Assert.Contains("INC-2", Text(reply), StringComparison.Ordinal);
        Assert.DoesNotContain("Minor safety case", Text(reply), StringComparison.Ordinal);
        Assert.Contains("restricted", Text(reply), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_restricted_incident_gets_a_private_channel_and_an_announcement_without_its_title()
    {
        var team = BotFixture.NewTeam();
        await SendAsync($"declare sev1 Personal data leak {team} --restricted", team);

        var created = await _bot.WaitForSlackAsync("conversations.create", c => c.Arg("is_private") == "true" && c.Arg("name") == "inc-1-restricted");
        Assert.NotNull(created);
        var announcement = await _bot.WaitForSlackAsync("chat.postMessage",
            c => c.Arg("channel") == BotApplication.AnnouncementChannel && c.Arg("text")!.Contains("restricted", StringComparison.Ordinal) && c.Arg("text")!.Contains("INC-1", StringComparison.Ordinal));
        Assert.DoesNotContain("Personal data leak", announcement.Body, StringComparison.Ordinal);
    }
}
