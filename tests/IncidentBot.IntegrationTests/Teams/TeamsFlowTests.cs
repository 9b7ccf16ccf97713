using System.Net;
using System.Text.Json.Nodes;
using IncidentBot.Dialogs.Incidents;
using IncidentBot.Dialogs.Paging;
using IncidentBot.Dialogs.Platform;
using IncidentBot.IntegrationTests.Bot;
using Microsoft.Extensions.DependencyInjection;
using static IncidentBot.Testing.Builders.TeamsActivities;

namespace IncidentBot.IntegrationTests.Teams;

/// <summary>The incident lifecycle through /api/messages and a local Bot Connector, end to end.</summary>
public sealed class TeamsFlowTests : IAsyncLifetime
{
    private FakeBotConnector _connector = null!;
    private TeamsBotApplication _bot = null!;
    private readonly string _database = BotApplication.NewDatabasePath();

    public async Task InitializeAsync()
    {
        _connector = await FakeBotConnector.StartAsync();
        _bot = new TeamsBotApplication(_connector, _database);
        _bot.Start();
    }

    public async Task DisposeAsync()
    {
        await _bot.DisposeAsync();
        await _connector.DisposeAsync();
        BotApplication.DeleteDatabase(_database);
    }

    private string ServiceUrl => _connector.ServiceUrl;

    [Fact]
    public async Task Declaring_in_a_channel_starts_an_incident_thread_whose_summary_is_updated_in_place()
    {
        var response = await _bot.SendAsync(ChannelMessage(ServiceUrl, Alice, "declare sev2 Removal order for a video --source regulator --market NP"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var incident = await _bot.Incidents.FindAsync(new WorkspaceId(Tenant), new IncidentNumber(1), default);
        Assert.NotNull(incident);
        Assert.Equal(PlatformId.Teams, incident.Value.Platform);
        Assert.Equal(Severity.Sev2, incident.Value.Severity);
        Assert.Equal(new UserId(Alice.AadObjectId), incident.Value.Reporter);

        // The confirmation is private: Alice's personal chat, opened through the connector.
        var confirmation = await _bot.WaitForConnectorAsync(c => c.Kind == "send" && c.ConversationId == FakeBotConnector.PersonalChatId(Alice.TeamsId), "confirmation");
        Assert.Contains("INC-1", confirmation.CardText, StringComparison.Ordinal);

        var thread = await _bot.WaitForConnectorAsync(c => c.Kind == "create" && c.ConversationId.StartsWith(IncidentsChannel, StringComparison.Ordinal), "incident thread");
        Assert.Contains("inc-1-removal-order-for-a-video", thread.CardText, StringComparison.Ordinal);
        var summary = await _bot.WaitForConnectorAsync(c => c.Kind == "send" && c.ConversationId == thread.ConversationId && c.CardText.Contains("INC-1 · Removal order", StringComparison.Ordinal), "summary");
        Assert.Contains("<at>Alice Okafor</at>", summary.CardText, StringComparison.Ordinal);
        Assert.Contains(Alice.AadObjectId, summary.CardText, StringComparison.Ordinal);
        Assert.Contains("{{DATE(", summary.CardText, StringComparison.Ordinal);

        var change = await _bot.SendAsync(ChannelMessage(ServiceUrl, Alice, "sev 1", conversationId: thread.ConversationId));

        Assert.Equal(HttpStatusCode.OK, change.StatusCode);
        // The regulator's declare also starts a clock, whose own update of the summary may come first: wait for the change's.
        var updated = await _bot.WaitForConnectorAsync(
            c => c.Kind == "update" && c.ActivityId == summary.ActivityId && c.CardText.Contains("SEV1", StringComparison.Ordinal), "summary update with SEV1");
        Assert.Equal(thread.ConversationId, updated.ConversationId);
        Assert.Contains("SEV1", updated.CardText, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_personal_chat_needs_no_mention_and_gets_the_answer_as_a_reply()
    {
        var message = PersonalMessage(ServiceUrl, Bob, "declare Harmful challenge trending --source trending");

        var response = await _bot.SendAsync(message);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var reply = await _bot.WaitForConnectorAsync(c => c.Kind == "reply" && c.ConversationId == PersonalChat(Bob), "reply");
        Assert.Equal((string?)message["id"], reply.Body?["replyToId"]?.GetValue<string>());
        Assert.Contains("INC-1", reply.CardText, StringComparison.Ordinal);
        Assert.Equal(IncidentSource.Trending, (await _bot.Incidents.FindAsync(new WorkspaceId(Tenant), new IncidentNumber(1), default))!.Value.Source);
    }

    [Fact]
    public async Task A_role_goes_to_the_mentioned_person_by_their_AAD_object_id()
    {
        _connector.AddMember(Bob.TeamsId, Bob.AadObjectId, Bob.Name);
        await _bot.SendAsync(PersonalMessage(ServiceUrl, Alice, "declare Spam wave"));

        await _bot.SendAsync(ChannelMessage(ServiceUrl, Alice, $"INC-1 lead <at>{Bob.Name}</at>", mentioned: Bob));

        var incident = await _bot.Incidents.FindAsync(new WorkspaceId(Tenant), new IncidentNumber(1), default);
        Assert.Equal(new UserId(Bob.AadObjectId), incident!.Value.Roles.Lead);
    }

    [Fact]
    public async Task Declaring_by_card_answers_with_field_errors_then_with_the_confirmation()
    {
        var invalid = await _bot.SendAsync(Invoke(ServiceUrl, Alice, "incident.declare",
            new JsonObject { ["formId"] = "form-1", ["title"] = "", ["severity"] = "sev1", ["markets"] = "XX" }, PersonalChat(Alice)));

        Assert.Equal(HttpStatusCode.OK, invalid.StatusCode);
        var errors = JsonNode.Parse(await invalid.Content.ReadAsStringAsync())!;
        Assert.Equal("application/vnd.microsoft.card.adaptive", (string?)errors["type"]);
        var errorCard = errors["value"]!.ToJsonString();
        Assert.Contains("Give the incident a short title.", errorCard, StringComparison.Ordinal);
        Assert.Contains("\"id\":\"title\"", errorCard, StringComparison.Ordinal);
        Assert.Null(await _bot.Incidents.FindAsync(new WorkspaceId(Tenant), new IncidentNumber(1), default));

        var valid = await _bot.SendAsync(Invoke(ServiceUrl, Alice, "incident.declare",
            new JsonObject { ["formId"] = "form-1", ["title"] = "Leaked personal data", ["severity"] = "sev1", ["restricted"] = "false" }, PersonalChat(Alice)));

        var confirmation = JsonNode.Parse(await valid.Content.ReadAsStringAsync())!;
        Assert.Contains("Incident declared", confirmation["value"]!.ToJsonString(), StringComparison.Ordinal);
        Assert.Equal(Severity.Sev1, (await _bot.Incidents.FindAsync(new WorkspaceId(Tenant), new IncidentNumber(1), default))!.Value.Severity);
    }

    [Fact]
    public async Task The_same_form_submitted_twice_declares_once()
    {
        var data = new JsonObject { ["formId"] = "form-twice", ["title"] = "Partner escalation", ["severity"] = "sev2" };

        await _bot.SendAsync(Invoke(ServiceUrl, Alice, "incident.declare", (JsonObject)data.DeepClone(), PersonalChat(Alice)));
        var second = await _bot.SendAsync(Invoke(ServiceUrl, Alice, "incident.declare", (JsonObject)data.DeepClone(), PersonalChat(Alice)));

        Assert.Contains("already declared", await second.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Null(await _bot.Incidents.FindAsync(new WorkspaceId(Tenant), new IncidentNumber(2), default));
    }

    [Fact]
    public async Task Declare_without_a_title_asks_for_it_then_for_the_severity()
    {
        await _bot.SendAsync(PersonalMessage(ServiceUrl, Alice, "declare --market IN"));
        var question = await _bot.WaitForConnectorAsync(c => c.Kind == "reply" && c.CardText.Contains("What is the incident's title?", StringComparison.Ordinal), "title question");
        Assert.Contains("\"verb\":\"incident.declare\"", question.CardText, StringComparison.Ordinal);

        await _bot.SendAsync(PersonalMessage(ServiceUrl, Alice, "Coordinated harassment of a journalist"));
        await _bot.WaitForConnectorAsync(c => c.Kind == "reply" && c.CardText.Contains("How severe is it?", StringComparison.Ordinal), "severity question");
        await _bot.SendAsync(PersonalMessage(ServiceUrl, Alice, "2"));

        await _bot.WaitForConnectorAsync(c => c.Kind == "reply" && c.CardText.Contains("INC-1", StringComparison.Ordinal), "declared");
        var incident = (await _bot.Incidents.FindAsync(new WorkspaceId(Tenant), new IncidentNumber(1), default))!.Value;
        Assert.Equal("Coordinated harassment of a journalist", incident.Title);
        Assert.Equal(Severity.Sev2, incident.Severity);
        Assert.Equal(["IN"], incident.Markets);
    }

    [Fact]
    public async Task Cancel_stops_the_dialog_and_declares_nothing()
    {
        await _bot.SendAsync(PersonalMessage(ServiceUrl, Alice, "declare"));
        await _bot.WaitForConnectorAsync(c => c.CardText.Contains("What is the incident's title?", StringComparison.Ordinal), "title question");

        await _bot.SendAsync(PersonalMessage(ServiceUrl, Alice, "cancel"));

        await _bot.WaitForConnectorAsync(c => c.CardText.Contains("Nothing was declared", StringComparison.Ordinal), "cancelled");
        Assert.Null(await _bot.Incidents.FindAsync(new WorkspaceId(Tenant), new IncidentNumber(1), default));
    }

    [Fact]
    public async Task The_join_button_arrives_as_the_same_button_press_and_the_card_shows_the_outcome()
    {
        await _bot.SendAsync(PersonalMessage(ServiceUrl, Alice, "declare Election misinformation surge"));
        var announcement = await _bot.WaitForConnectorAsync(c => c.Kind == "create" && c.ConversationId.StartsWith(AnnouncementChannel, StringComparison.Ordinal), "announcement");
        Assert.Contains("\"verb\":\"incident.join\"", announcement.CardText, StringComparison.Ordinal);
        await DueWork.WaitForIdleJobsAsync(_bot.Services); // the job that posted it has recorded the card too

        var response = await _bot.SendAsync(Invoke(ServiceUrl, Bob, "incident.join", new JsonObject { ["value"] = "INC-1", ["blockId"] = "join:1" },
            announcement.ConversationId, replyToId: announcement.ActivityId));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var card = JsonNode.Parse(await response.Content.ReadAsStringAsync())!["value"]!.ToJsonString();
        Assert.Contains("Adding you to INC-1", card, StringComparison.Ordinal);
        Assert.Contains("Election misinformation surge", card, StringComparison.Ordinal);
        var incident = (await _bot.Incidents.FindAsync(new WorkspaceId(Tenant), new IncidentNumber(1), default))!.Value;
        Assert.Contains(new UserId(Bob.AadObjectId), incident.Participants);
    }

    [Fact]
    public async Task The_join_buttons_fallback_for_hosts_without_Action_Execute_reaches_the_same_handler()
    {
        await _bot.SendAsync(PersonalMessage(ServiceUrl, Alice, "declare Coordinated harassment"));
        var announcement = await _bot.WaitForConnectorAsync(c => c.Kind == "create" && c.ConversationId.StartsWith(AnnouncementChannel, StringComparison.Ordinal), "announcement");
        await DueWork.WaitForIdleJobsAsync(_bot.Services);
        var fallback = JsonNode.Parse(announcement.CardJson)!["body"]!.AsArray()
            .Single(e => (string?)e!["type"] == "ActionSet")!["actions"]![0]!["fallback"]!;
        Assert.Equal("Action.Submit", (string?)fallback["type"]);

        // An Action.Submit arrives as a message with no text whose value is the button's data, in the
        // conversation of the card and in reply to it (the bot accepts only buttons of cards it sent there).
        var submit = ChannelMessage(ServiceUrl, Bob, "", announcement.ConversationId);
        submit.Remove("text");
        submit.Remove("entities");
        submit["value"] = fallback["data"]!.DeepClone();
        submit["replyToId"] = announcement.ActivityId;
        var response = await _bot.SendAsync(submit);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var incident = (await _bot.Incidents.FindAsync(new WorkspaceId(Tenant), new IncidentNumber(1), default))!.Value;
        Assert.Contains(new UserId(Bob.AadObjectId), incident.Participants);
    }

    [Fact]
    public async Task Two_presses_at_once_have_one_winner()
    {
        await _bot.SendAsync(PersonalMessage(ServiceUrl, Alice, "declare Account takeover campaign"));
        var announcement = await _bot.WaitForConnectorAsync(c => c.Kind == "create" && c.ConversationId.StartsWith(AnnouncementChannel, StringComparison.Ordinal), "announcement");
        await DueWork.WaitForIdleJobsAsync(_bot.Services);
        JsonObject Press() => Invoke(ServiceUrl, Bob, "incident.join", new JsonObject { ["value"] = "INC-1" }, announcement.ConversationId, announcement.ActivityId);

        var answers = await Task.WhenAll(Enumerable.Range(0, 4).Select(async _ => await (await _bot.SendAsync(Press())).Content.ReadAsStringAsync()));

        Assert.Single(answers, a => a.Contains("Adding you to INC-1", StringComparison.Ordinal));
        Assert.Equal(3, answers.Count(a => a.Contains("already in INC-1", StringComparison.Ordinal)));
        Assert.Single(await _bot.TimelineAsync(1, TimelineKind.Joined));
    }

    [Fact]
    public async Task A_page_reaches_a_known_person_in_their_personal_chat()
    {
        await _bot.SendAsync(PersonalInstall(ServiceUrl, Chandra));
        await _bot.SendAsync(PersonalMessage(ServiceUrl, Alice, "declare Livestreamed violence"));
        var incident = (await _bot.Incidents.FindAsync(new WorkspaceId(Tenant), new IncidentNumber(1), default))!.Value;

        await _bot.Services.GetRequiredService<IPersonPager>().PagePersonAsync(incident, new UserId(Chandra.AadObjectId), "you are on call for NP", "primary", default);

        var page = await _bot.WaitForConnectorAsync(c => c.Kind == "send" && c.ConversationId == PersonalChat(Chandra), "page");
        Assert.Contains("you are on call for NP", page.CardText, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_person_never_seen_gets_a_mention_in_the_incident_thread_instead()
    {
        await _bot.SendAsync(PersonalMessage(ServiceUrl, Alice, "declare Child safety report"));
        var thread = await _bot.WaitForConnectorAsync(c => c.Kind == "create" && c.ConversationId.StartsWith(IncidentsChannel, StringComparison.Ordinal), "thread");
        await _bot.WaitForConnectorAsync(c => c.Kind == "send" && c.ConversationId == thread.ConversationId, "summary");
        var incident = (await _bot.Incidents.FindAsync(new WorkspaceId(Tenant), new IncidentNumber(1), default))!.Value;
        Assert.NotNull(incident.Channel);

        await _bot.Services.GetRequiredService<IPersonPager>().PagePersonAsync(incident, new UserId("d0d00000-0000-4000-8000-00000000000d"), "please review", "review", default);

        var fallback = await _bot.WaitForConnectorAsync(c => c.Kind == "send" && c.ConversationId == thread.ConversationId && c.CardText.Contains("please review", StringComparison.Ordinal), "fallback");
        Assert.Contains("couldn't reach you in a personal chat", fallback.CardText, StringComparison.Ordinal);
        Assert.Contains("\"mentioned\":{\"id\":\"d0d00000-0000-4000-8000-00000000000d\"", fallback.CardText, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_restricted_incident_stays_out_of_the_shared_channel()
    {
        await _bot.SendAsync(PersonalMessage(ServiceUrl, Alice, "declare Minor at risk --restricted"));

        var summary = await _bot.WaitForConnectorAsync(c => c.Kind == "send" && c.ConversationId == PersonalChat(Alice) && c.CardText.Contains("INC-1 · Minor at risk", StringComparison.Ordinal), "summary in personal chat");
        Assert.Contains("Restricted", summary.CardText, StringComparison.Ordinal);
        var announcement = await _bot.WaitForConnectorAsync(c => c.Kind == "create" && c.ConversationId.StartsWith(AnnouncementChannel, StringComparison.Ordinal), "announcement");
        Assert.DoesNotContain("Minor at risk", announcement.CardText, StringComparison.Ordinal);
        Assert.DoesNotContain(_connector.Calls, c => c.ConversationId.StartsWith(IncidentsChannel, StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_retried_activity_is_handled_once()
    {
        var message = PersonalMessage(ServiceUrl, Alice, "declare Doxxing of a moderator");

        var first = await _bot.SendAsync(message);
        var retry = await _bot.SendAsync((JsonObject)message.DeepClone());

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal(HttpStatusCode.OK, retry.StatusCode);
        Assert.Null(await _bot.Incidents.FindAsync(new WorkspaceId(Tenant), new IncidentNumber(2), default));
        Assert.Single(_connector.Calls, c => c.Kind == "reply" && c.ConversationId == PersonalChat(Alice));
    }
}
