using System.Net;
using System.Text.Json.Nodes;
using IncidentBot.Dialogs.Incidents;
using IncidentBot.Dialogs.Paging;
using IncidentBot.Dialogs.Work;
using Microsoft.Extensions.DependencyInjection;

namespace IncidentBot.IntegrationTests.Bot;

/// <summary>Paging end to end: signed Slack requests in, Slack Web API calls out, time moved by a fake clock.</summary>
public sealed class PagingFlowTests : SlackBotFixture
{
    private const string One = "U0RESPONE";
    private const string Two = "U0RESPTWO";
    private const string Three = "U0RESPTHREE";
    private const string Stranger = "U0STRANGER";
    private const string GroupAdmin = "U0GROUPADMIN";
    private const string AdminGroup = "S0INCADMINS";

    private readonly ObservableTimeProvider _clock = new();
    private readonly OnCallFile _file = new();

    protected override BotHostOptions BotOptions => OnClock(_clock);

    protected override void ArrangeSlack(FakeSlackServer slack)
    {
        slack.AddUser(new FakeSlackUser(One, "Responder One", "one@example.com", "Asia/Kathmandu"));
        slack.AddUser(new FakeSlackUser(Two, "Responder Two", "two@example.com", "America/New_York"));
        slack.AddUser(new FakeSlackUser(Three, "Responder Three", "three@example.com"));
        slack.AddUser(new FakeSlackUser(Stranger, "Someone Else", "someone@example.com"));
        slack.AddUser(new FakeSlackUser(GroupAdmin, "Group Admin", "groupadmin@example.com", "UTC"));
        slack.AddUserGroup(AdminGroup, GroupAdmin);
    }

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        _file.Dispose();
    }

    [Fact]
    public async Task Declaring_pages_the_on_call_by_direct_message_with_buttons()
    {
        await DeclareAsync("declare sev2 Impersonation wave --market NP");

        var dm = await Bot.WaitForSlackAsync("chat.postMessage", c => c.Arg("channel") == One);
        var actions = Buttons(dm);
        Assert.Equal([PageMessages.AcknowledgeActionId, PageMessages.EscalateActionId, PageMessages.DeclineActionId], actions.Select(a => (string?)a!["action_id"]));
        var first = await PageAtAsync(0);
        Assert.All(actions, a => Assert.Equal(first.Id, (string?)a!["value"]));
        Assert.Contains("Impersonation wave", dm.Arg("text"), StringComparison.Ordinal);
        var page = await PageAsync(first.Id);
        Assert.Equal(PageStatus.Pending, page.Status);
        Assert.Equal(_clock.GetUtcNow().AddMinutes(5), page.EscalateAt);
    }

    [Fact]
    public async Task Acknowledging_updates_the_page_the_message_the_timeline_and_the_channel_and_invites_the_acknowledger()
    {
        await DeclareAsync("declare sev2 Impersonation wave");
        var pageId = PageIdOf(await Bot.WaitForSlackAsync("chat.postMessage", c => c.Arg("channel") == One));

        var response = await PressAsync(One, PageMessages.AcknowledgeActionId, pageId);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = await PageAsync(pageId);
        Assert.Equal(PageStatus.Acknowledged, page.Status);
        Assert.Equal(new UserId(One), page.AcknowledgedBy);
        var update = await Bot.WaitForSlackAsync("chat.update", c => c.Arg("text")?.StartsWith("Page: INC-1", StringComparison.Ordinal) == true
            && Blocks(c).Contains("You acknowledged", StringComparison.Ordinal));
        Assert.DoesNotContain("\"actions\"", Blocks(update), StringComparison.Ordinal);
        await Bot.WaitForSlackAsync("conversations.invite", c => c.Arg("users")?.Contains(One, StringComparison.Ordinal) == true);
        await Bot.WaitForSlackAsync("chat.postMessage", c => c.Arg("text")?.Contains($"<@{One}> acknowledged the page", StringComparison.Ordinal) == true);
        var incident = (await Bot.Incidents.FindAsync(new WorkspaceId(SlackRequests.Team), new IncidentNumber(1), default))!.Value;
        Assert.Equal(_clock.GetUtcNow(), incident.AcknowledgedAt);
        Assert.Contains(new UserId(One), incident.Participants);
        Assert.Single(await TimelineAsync(TimelineKind.PageAcknowledged));
    }

    [Fact]
    public async Task A_double_click_acknowledges_once_and_tells_the_second_press()
    {
        await DeclareAsync("declare Impersonation wave");
        var pageId = PageIdOf(await Bot.WaitForSlackAsync("chat.postMessage", c => c.Arg("channel") == One));

        await PressAsync(One, PageMessages.AcknowledgeActionId, pageId, actionTs: "1.1");
        await PressAsync(One, PageMessages.AcknowledgeActionId, pageId, actionTs: "1.2");

        // Answers to a press go back through its response_url.
        var second = await Slack.WaitForResponseUrlPostAsync("press-1.2");
        Assert.Contains("You already acknowledged", second.Body, StringComparison.Ordinal);
        Assert.Single(await TimelineAsync(TimelineKind.PageAcknowledged));
    }

    [Fact]
    public async Task Two_people_acknowledging_at_once_have_exactly_one_winner_and_the_other_is_told()
    {
        await DeclareAsync("declare Impersonation wave");
        var pageId = PageIdOf(await Bot.WaitForSlackAsync("chat.postMessage", c => c.Arg("channel") == One));
        // One was paged; Three is an on-call admin, who may answer for One.

        await Task.WhenAll(
            PressAsync(One, PageMessages.AcknowledgeActionId, pageId, actionTs: "2.1"),
            PressAsync(Three, PageMessages.AcknowledgeActionId, pageId, actionTs: "2.2"));

        var page = await PageAsync(pageId);
        var winner = page.AcknowledgedBy!.Value.Value;
        var loser = winner == One ? Three : One;
        var told = await Slack.WaitForResponseUrlPostAsync(loser == One ? "press-2.1" : "press-2.2");
        Assert.Contains($"<@{winner}> acknowledged INC-1 first", (string?)told.Json!["text"], StringComparison.Ordinal);
        var acknowledged = Assert.Single(await TimelineAsync(TimelineKind.PageAcknowledged));
        Assert.Equal(winner, acknowledged.To);
    }

    [Fact]
    public async Task An_unanswered_page_escalates_to_the_next_step_after_its_wait_once()
    {
        await DeclareAsync("declare sev1 Coordinated harassment");
        await Bot.WaitForSlackAsync("chat.postMessage", c => c.Arg("channel") == One);
        await Bot.RunDueWorkAsync();

        _clock.Advance(TimeSpan.FromMinutes(4));
        await Bot.RunDueWorkAsync();
        Assert.DoesNotContain(Slack.CallsTo("chat.postMessage"), c => c.Arg("channel") == Two);

        _clock.Advance(TimeSpan.FromMinutes(1));
        await Bot.RunDueWorkAsync();
        await Bot.RunDueWorkAsync();

        var escalated = await Bot.WaitForSlackAsync("chat.postMessage", c => c.Arg("channel") == Two);
        var first = await PageAtAsync(0);
        Assert.Equal(first.IdAt(new EscalationPosition(1, 0)), PageIdOf(escalated));
        Assert.Single(Slack.CallsTo("chat.postMessage"), c => c.Arg("channel") == Two);
        Assert.Equal(PageStatus.Escalated, (await PageAsync(first.Id)).Status);
    }

    [Fact]
    public async Task A_page_DM_that_Slack_answers_with_500_four_times_arrives_on_a_later_try_once()
    {
        Slack.FailHttp("chat.postMessage", 500, c => c.Arg("channel") == One, times: 4);

        await DeclareAsync("declare sev1 Coordinated harassment");
        await Bot.WaitForSlackAsync("chat.postMessage", c => c.Arg("channel") == One);
        var pageId = (await PageAtAsync(0)).Id;
        // Each failed try is recorded (the first one runs after the answer, on its own) and the next one comes
        // after the retry policy's delay: 1, 3, 10 and 30 s.
        var attempts = 1;
        foreach (var delay in new[] { 1, 3, 10, 30 })
        {
            await WaitForFailedTryAsync(pageId, attempts);
            _clock.Advance(TimeSpan.FromSeconds(delay));
            await Bot.RunDueWorkAsync();
            attempts++;
        }

        var delivered = await PageAsync(pageId);
        Assert.Equal(5, Slack.CallsTo("chat.postMessage").Count(c => c.Arg("channel") == One));
        Assert.NotNull(Assert.Single(delivered.Targets, t => t.User.Value == One).Message);
    }

    [Fact]
    public async Task An_exhausted_policy_is_reported_in_the_fallback_channel()
    {
        await DeclareAsync("declare Coordinated harassment");
        await Bot.WaitForSlackAsync("chat.postMessage", c => c.Arg("channel") == One);

        _clock.Advance(TimeSpan.FromMinutes(5));
        await Bot.RunDueWorkAsync();
        _clock.Advance(TimeSpan.FromMinutes(10));
        await Bot.RunDueWorkAsync();

        var fallback = await Bot.WaitForSlackAsync("chat.postMessage", c => c.Arg("channel") == "C0FALLBACK");
        Assert.Contains("Nobody acknowledged", fallback.Arg("text"), StringComparison.Ordinal);
        Assert.Equal(PageStatus.Exhausted, (await PageAsync((await PageAtAsync(0)).IdAt(new EscalationPosition(1, 0)))).Status);
    }

    [Fact]
    public async Task A_resolved_incident_stops_escalating()
    {
        await DeclareAsync("declare Coordinated harassment");
        await Bot.WaitForSlackAsync("chat.postMessage", c => c.Arg("channel") == One);
        await SendAsync("INC-1 resolve false alarm");

        _clock.Advance(TimeSpan.FromMinutes(5));
        await Bot.RunDueWorkAsync();

        Assert.Equal(PageStatus.Cancelled, (await PageAtAsync(0)).Status);
        Assert.DoesNotContain(Slack.CallsTo("chat.postMessage"), c => c.Arg("channel") == Two);
    }

    [Fact]
    public async Task An_escalation_pending_at_a_restart_fires_once_after_it()
    {
        await DeclareAsync("declare sev1 Coordinated harassment");
        await Bot.WaitForSlackAsync("chat.postMessage", c => c.Arg("channel") == One);
        await Bot.RunDueWorkAsync();

        var clock = new ObservableTimeProvider();
        clock.Advance(TimeSpan.FromMinutes(5));
        await Started.RestartAsync(OnClock(clock));
        await Bot.RunDueWorkAsync();
        await Bot.RunDueWorkAsync();

        await Bot.WaitForSlackAsync("chat.postMessage", c => c.Arg("channel") == Two);
        Assert.Single(Slack.CallsTo("chat.postMessage"), c => c.Arg("channel") == Two);
        Assert.Single(Slack.CallsTo("chat.postMessage"), c => c.Arg("channel") == One);
    }

    [Fact]
    public async Task Escalate_now_pages_the_next_step_at_once()
    {
        await DeclareAsync("declare Coordinated harassment");
        var pageId = PageIdOf(await Bot.WaitForSlackAsync("chat.postMessage", c => c.Arg("channel") == One));

        await PressAsync(One, PageMessages.EscalateActionId, pageId);

        await Bot.WaitForSlackAsync("chat.postMessage", c => c.Arg("channel") == Two);
    }

    [Fact]
    public async Task Paging_a_team_into_an_incident_pages_its_members()
    {
        await DeclareAsync("declare Coordinated harassment");

        var reply = await SendAsync("INC-1 page legal");

        Assert.Contains("Paging *Legal* for INC-1", reply, StringComparison.Ordinal);
        await Bot.WaitForSlackAsync("chat.postMessage", c => c.Arg("channel") == Two);
        Assert.Contains("already paged", await SendAsync("INC-1 page legal"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Oncall_shows_now_and_next_in_the_askers_time_zone()
    {
        Slack.AddUser(new FakeSlackUser(SlackRequests.User, "Alice", "alice@example.com", "Asia/Kathmandu"));

        var reply = await SendAsync("oncall tns");

        // Handoff Monday 1 December 09:00 Dublin (UTC) is 14:45 in Kathmandu.
        Assert.Contains("times in Asia/Kathmandu", reply, StringComparison.Ordinal);
        Assert.Contains($"<@{One}> until Mon 1 Dec 14:45", reply, StringComparison.Ordinal);
        Assert.Contains($"next <@{Three}> until Mon 8 Dec 14:45", reply, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_override_is_stored_shown_and_paged()
    {
        Slack.AddUser(new FakeSlackUser(SlackRequests.User, "Alice", "alice@example.com", "UTC"));

        // Three is on the T&S primary rotation, so a member of its team.
        var stored = await SendAsync($"override tns <@{Two}|two> now 8h", Three);
        var shown = await SendAsync("oncall");
        await DeclareAsync("declare Coordinated harassment");

        Assert.Contains($"<@{Two}> is on call for *T&amp;S primary* from Tue 25 Nov 13:00 until Tue 25 Nov 21:00", stored, StringComparison.Ordinal);
        Assert.Contains($"<@{Two}> until Tue 25 Nov 21:00 (override)", shown, StringComparison.Ordinal);
        await Bot.WaitForSlackAsync("chat.postMessage", c => c.Arg("channel") == Two);
    }

    [Fact]
    public async Task The_pinned_summary_shows_who_acknowledged()
    {
        await DeclareAsync("declare Coordinated harassment");
        var pageId = PageIdOf(await Bot.WaitForSlackAsync("chat.postMessage", c => c.Arg("channel") == One));

        await PressAsync(One, PageMessages.AcknowledgeActionId, pageId);

        await Bot.WaitForSlackAsync("chat.update", c => Blocks(c).Contains($"incident*: acknowledged by <@{One}>", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Page_ids_carry_a_random_part_unique_to_each_chain()
    {
        await DeclareAsync("declare Coordinated harassment");
        await DeclareAsync("declare Impersonation wave");

        var first = PageIdOf(await Bot.WaitForSlackAsync("chat.postMessage", c => c.Arg("channel") == One && c.Arg("text")?.Contains("INC-1", StringComparison.Ordinal) == true));
        var second = PageIdOf(await Bot.WaitForSlackAsync("chat.postMessage", c => c.Arg("channel") == One && c.Arg("text")?.Contains("INC-2", StringComparison.Ordinal) == true));

        var token = System.Text.RegularExpressions.Regex.Match(first, "^page-1-tns-incident-([0-9a-f]{32})-s0-a0$");
        Assert.True(token.Success, first);
        Assert.DoesNotContain(token.Groups[1].Value, second, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Someone_who_was_not_paged_cannot_acknowledge_and_does_not_join_a_restricted_incident()
    {
        await DeclareAsync("declare sev1 Minor in a livestream --restricted");
        var pageId = PageIdOf(await Bot.WaitForSlackAsync("chat.postMessage", c => c.Arg("channel") == One));

        var response = await PressAsync(Stranger, PageMessages.AcknowledgeActionId, pageId, actionTs: "3.1");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var told = await Slack.WaitForResponseUrlPostAsync("press-3.1");
        Assert.Contains("went to other people", (string?)told.Json!["text"], StringComparison.Ordinal);
        Assert.Equal("ephemeral", (string?)told.Json!["response_type"]);
        Assert.Equal(PageStatus.Pending, (await PageAsync(pageId)).Status);
        var incident = (await Bot.Incidents.FindAsync(new WorkspaceId(SlackRequests.Team), new IncidentNumber(1), default))!.Value;
        Assert.DoesNotContain(new UserId(Stranger), incident.Members());
        Assert.Null(incident.AcknowledgedAt);
        Assert.Empty(await TimelineAsync(TimelineKind.PageAcknowledged));
        Assert.Contains(Bot.Logs.Logs, l => l.Message.StartsWith($"Refused page.acknowledge on page {pageId}", StringComparison.Ordinal) && l.Message.Contains(Stranger, StringComparison.Ordinal));
    }

    [Theory]
    [InlineData(PageMessages.EscalateActionId)]
    [InlineData(PageMessages.DeclineActionId)]
    public async Task Someone_who_was_not_paged_cannot_escalate_or_decline(string actionId)
    {
        await DeclareAsync("declare Coordinated harassment");
        var pageId = PageIdOf(await Bot.WaitForSlackAsync("chat.postMessage", c => c.Arg("channel") == One));

        await PressAsync(Stranger, actionId, pageId, actionTs: "4.1");

        Assert.Contains("went to other people", (string?)(await Slack.WaitForResponseUrlPostAsync("press-4.1")).Json!["text"], StringComparison.Ordinal);
        var page = await PageAsync(pageId);
        Assert.Equal(PageStatus.Pending, page.Status);
        Assert.Equal(_clock.GetUtcNow().AddMinutes(5), page.EscalateAt);
        Assert.All(page.Targets, t => Assert.Null(t.DeclinedAt));
    }

    [Fact]
    public async Task An_admin_may_acknowledge_and_is_recorded_as_acting_for_the_person_paged()
    {
        await DeclareAsync("declare Coordinated harassment");
        var pageId = PageIdOf(await Bot.WaitForSlackAsync("chat.postMessage", c => c.Arg("channel") == One));

        await PressAsync(GroupAdmin, PageMessages.AcknowledgeActionId, pageId, actionTs: "5.1");

        var page = await PageAsync(pageId);
        Assert.Equal(PageStatus.Acknowledged, page.Status);
        Assert.Equal(new UserId(GroupAdmin), page.AcknowledgedBy);
        var acknowledged = Assert.Single(await TimelineAsync(TimelineKind.PageAcknowledged));
        Assert.Equal(GroupAdmin, acknowledged.Actor?.Value);
        Assert.Equal(One, acknowledged.From);
        await Bot.WaitForSlackAsync("chat.postMessage", c => c.Arg("text")?.Contains($"<@{GroupAdmin}> acknowledged the page (T&amp;S incident) for <@{One}>", StringComparison.Ordinal) == true);
    }

    [Fact]
    public async Task An_admin_may_not_say_they_cannot_take_a_page_for_someone_else()
    {
        await DeclareAsync("declare Coordinated harassment");
        var pageId = PageIdOf(await Bot.WaitForSlackAsync("chat.postMessage", c => c.Arg("channel") == One));

        await PressAsync(Three, PageMessages.DeclineActionId, pageId, actionTs: "6.1");

        Assert.Contains("Only the people paged", (string?)(await Slack.WaitForResponseUrlPostAsync("press-6.1")).Json!["text"], StringComparison.Ordinal);
        Assert.All((await PageAsync(pageId)).Targets, t => Assert.Null(t.DeclinedAt));
    }

    [Fact]
    public async Task An_override_by_someone_outside_the_rotations_team_is_refused_with_a_log_line()
    {
        Slack.AddUser(new FakeSlackUser(SlackRequests.User, "Alice", "alice@example.com", "UTC"));

        var refused = await SendAsync($"override tns <@{Stranger}|someone> now 8h");

        Assert.Contains("Only members of T&amp;S incident managers or the incident managers' admins", refused, StringComparison.Ordinal);
        Assert.DoesNotContain($"<@{Stranger}> until", await SendAsync("oncall"), StringComparison.Ordinal);
        Assert.Contains(Bot.Logs.Logs, l => l.Message.StartsWith("Refused an override of rotation tns-primary", StringComparison.Ordinal) && l.Message.Contains(SlackRequests.User, StringComparison.Ordinal));
        await DeclareAsync("declare Coordinated harassment");
        await Bot.WaitForSlackAsync("chat.postMessage", c => c.Arg("channel") == One);
        Assert.DoesNotContain(Slack.CallsTo("chat.postMessage"), c => c.Arg("channel") == Stranger);
    }

    [Fact]
    public async Task A_member_of_the_admins_slack_user_group_may_override_any_rotation()
    {
        var stored = await SendAsync($"override tns <@{Two}|two> now 8h", GroupAdmin);

        Assert.Contains($"<@{Two}> is on call for *T&amp;S primary*", stored, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Oncall_load_counts_pages_at_night_in_the_persons_zone()
    {
        await DeclareAsync("declare Coordinated harassment");
        await Bot.Logs.WaitForAsync(l => l.Message.Contains($"to {One}", StringComparison.Ordinal) && l.Message.StartsWith("Sent page", StringComparison.Ordinal), "page sent");

        // 13:00 UTC is 18:45 in Kathmandu: evening, not night; a Tuesday.
        var reply = await SendAsync("oncall load");

        Assert.Contains($"<@{One}>: 1 page · 0 at night · 0 on a weekend", reply, StringComparison.Ordinal);
    }

    private BotHostOptions OnClock(TimeProvider clock)
    {
        var settings = _file.Settings;
        // The incident managers' admins: one by e-mail, the rest through a Slack user group.
        settings["OnCall:Admins:0"] = "three@example.com";
        settings["OnCall:Admins:1"] = AdminGroup;
        return new BotHostOptions { Clock = clock, Settings = settings };
    }

    private async Task DeclareAsync(string text)
    {
        var response = await Client.SendAsync(SlackRequests.Command(text, Bot.Clock));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    private async Task<string> SendAsync(string text, string? user = null)
    {
        var response = await Client.SendAsync(SlackRequests.Command(text, Bot.Clock, user: user));
        var body = await response.Content.ReadAsStringAsync();
        return body.Length == 0 ? "" : (string?)JsonNode.Parse(body)!["text"] ?? body;
    }

    private Task<HttpResponseMessage> PressAsync(string user, string actionId, string pageId, string actionTs = "1700000000.000100") =>
        Client.SendAsync(SlackRequests.Interaction(new
        {
            type = "block_actions",
            user = new { id = user, team_id = SlackRequests.Team },
            team = new { id = SlackRequests.Team, domain = "tands" },
            container = new { type = "message", message_ts = "1732540000.000200", channel_id = "D0DIRECT" },
            channel = new { id = "D0DIRECT", name = "directmessage" },
            trigger_id = "1.2.trigger",
            response_url = Slack.ResponseUrlFor("press-" + actionTs),
            actions = new[] { new { action_id = actionId, block_id = "page:" + pageId, value = pageId, type = "button", action_ts = actionTs } },
        }, Bot.Clock));

    /// <summary>The page of INC-1's chain at a step (attempt 0), found in the store: its id has a random part.</summary>
    private async Task<Page> PageAtAsync(int step)
    {
        await foreach (var page in Bot.Services.GetRequiredService<PageStore>().ListForIncidentAsync(new WorkspaceId(SlackRequests.Team), 1, default))
        {
            if (page.Step == step && page.Attempt == 0)
                return page;
        }
        throw new InvalidOperationException($"INC-1 has no page at step {step}.");
    }

    /// <summary>
    /// Waits for the bot to log the delivery's failed try number <paramref name="attempt"/>, which it does
    /// once that failure is stored; on a timeout the failure shows the stored work item and the DMs tried.
    /// </summary>
    private async Task WaitForFailedTryAsync(string pageId, int attempt)
    {
        var item = WorkItem.IdFor(PagingWork.Deliver, pageId);
        try
        {
            await Bot.Logs.WaitForAsync(
                l => l.Message.StartsWith($"Work {item} in ", StringComparison.Ordinal) && l.Message.Contains($" failed (attempt {attempt} of ", StringComparison.Ordinal),
                $"the delivery of {pageId} recording failed try {attempt}");
        }
        catch (TimeoutException e)
        {
            var stored = await Bot.Services.GetRequiredService<WorkQueue>().FindAsync(new WorkspaceId(SlackRequests.Team), PagingWork.Deliver, pageId, default);
            throw new TimeoutException($"{e.Message}\nStored: {stored}; now {_clock.GetUtcNow():O}; "
                + $"{Slack.CallsTo("chat.postMessage").Count(c => c.Arg("channel") == One)} DMs tried. {await DueWork.DescribeAsync(Bot.Services)}", e);
        }
    }

    private async Task<Page> PageAsync(string id) =>
        (await Bot.Services.GetRequiredService<PageStore>().FindAsync(new WorkspaceId(SlackRequests.Team), id, default))!.Value;

    private Task<List<TimelineEvent>> TimelineAsync(TimelineKind kind) => Bot.TimelineAsync(SlackRequests.Team, 1, kind);

    private static string Blocks(SlackApiCall call) => call.JsonArg("blocks")?.ToJsonString(new System.Text.Json.JsonSerializerOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }) ?? "";

    private static JsonArray Buttons(SlackApiCall call) =>
        (JsonArray)call.JsonArg("blocks")!.AsArray().Single(b => (string?)b!["type"] == "actions")!["elements"]!;

    private static string PageIdOf(SlackApiCall call) =>
        (string)Buttons(call).First(b => (string?)b!["action_id"] == PageMessages.AcknowledgeActionId)!["value"]!;
}
