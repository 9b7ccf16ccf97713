using System.Net;
using System.Text.Json.Nodes;
using IncidentBot.Dialogs.Incidents;
using IncidentBot.Dialogs.Paging;
using IncidentBot.Dialogs.Storage;
using IncidentBot.Testing.Hosts;
using IncidentBot.IntegrationTests.Bot;
using IncidentBot.Teams.Cards;
using IncidentBot.Teams.Conversations;
using IncidentBot.Testing.Fakes;
using Microsoft.Extensions.DependencyInjection;
using static IncidentBot.Testing.Builders.TeamsActivities;

namespace IncidentBot.IntegrationTests.Teams;

/// <summary>
/// Paging through Teams: routing pages a whole team by proactive personal messages whose card
/// buttons arrive as <c>adaptiveCard/action</c> invokes; the same one-winner rule as Slack.
/// </summary>
public sealed class TeamsPagingTests : IAsyncLifetime
{
    /// <summary>Every incident pages every member of the responders team at once.</summary>
    private const string OnCall = """
        teams:
          - id: responders
            name: NP responders
            policy: np-responders
            members: [bob@example.com, chandra@example.com]
        policies:
          - id: np-responders
            name: NP responders
            steps:
              - team: responders
                wait: 10m
        routing:
          - name: everything
            page: [np-responders]
        """;

    private readonly string _database = BotApplication.NewDatabasePath();
    private readonly OnCallFile _file = new(OnCall);
    private FakeBotConnector _connector = null!;
    private TeamsBotApplication _bot = null!;

    public async Task InitializeAsync()
    {
        _connector = await FakeBotConnector.StartAsync();
        _connector.AddMember(Bob.TeamsId, Bob.AadObjectId, Bob.Name, "bob@example.com");
        _connector.AddMember(Chandra.TeamsId, Chandra.AadObjectId, Chandra.Name, "chandra@example.com");
        _bot = new TeamsBotApplication(_connector, _database, _file.Settings);
        _bot.Start();
        // Both installed the app, so the bot holds a conversation reference for each personal chat.
        await _bot.SendAsync(PersonalInstall(_connector.ServiceUrl, Bob));
        await _bot.SendAsync(PersonalInstall(_connector.ServiceUrl, Chandra));
    }

    public async Task DisposeAsync()
    {
        await _bot.DisposeAsync();
        await _connector.DisposeAsync();
        _file.Dispose();
        BotApplication.DeleteDatabase(_database);
    }

    [Fact]
    public async Task Acknowledging_by_card_updates_the_page_and_answers_with_the_refreshed_card()
    {
        var (bobsPage, _) = await DeclareAndWaitForPagesAsync("declare sev2 Fake removal notices --market NP");
        Assert.Contains("\"verb\":\"page.acknowledge\"", bobsPage.CardText, StringComparison.Ordinal);
        Assert.Contains("\"verb\":\"page.escalate\"", bobsPage.CardText, StringComparison.Ordinal);
        Assert.Contains("\"verb\":\"page.decline\"", bobsPage.CardText, StringComparison.Ordinal);
        Assert.Contains("Fake removal notices", bobsPage.CardText, StringComparison.Ordinal);

        var response = await PressAsync(Bob, bobsPage);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var card = JsonNode.Parse(await response.Content.ReadAsStringAsync())!["value"]!.ToJsonString();
        Assert.Contains("You acknowledged", System.Text.RegularExpressions.Regex.Unescape(card), StringComparison.Ordinal);
        Assert.DoesNotContain("\"verb\":\"page.acknowledge\"", card, StringComparison.Ordinal);
        var page = await PageAsync();
        Assert.Equal(PageStatus.Acknowledged, page.Status);
        Assert.Equal(new UserId(Bob.AadObjectId), page.AcknowledgedBy);
        var incident = (await _bot.Incidents.FindAsync(new WorkspaceId(Tenant), new IncidentNumber(1), default))!.Value;
        Assert.NotNull(incident.AcknowledgedAt);
        Assert.Contains(new UserId(Bob.AadObjectId), incident.Participants);
        // The page card is refreshed in place, its buttons gone.
        var updated = await _bot.WaitForConnectorAsync(c => c.Kind == "update" && c.ActivityId == bobsPage.ActivityId, "page card update");
        Assert.DoesNotContain("\"verb\":\"page.acknowledge\"", updated.CardText, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Two_people_acknowledging_at_once_have_exactly_one_winner_and_the_other_is_told()
    {
        var (bobsPage, chandrasPage) = await DeclareAndWaitForPagesAsync("declare sev1 Harmful challenge spreading --source trending");

        var answers = await Task.WhenAll(
            ReadCardAsync(PressAsync(Bob, bobsPage)),
            ReadCardAsync(PressAsync(Chandra, chandrasPage)));

        var page = await PageAsync();
        Assert.Equal(PageStatus.Acknowledged, page.Status);
        var bobWon = page.AcknowledgedBy == new UserId(Bob.AadObjectId);
        var (winner, loser) = bobWon ? (answers[0], answers[1]) : (answers[1], answers[0]);
        Assert.Contains("You acknowledged", winner, StringComparison.Ordinal);
        Assert.True(loser.Contains("acknowledged INC-1 first", StringComparison.Ordinal), "LOSER: " + System.Text.RegularExpressions.Regex.Unescape(loser));
        Assert.Single(await _bot.TimelineAsync(1, TimelineKind.PageAcknowledged));
    }

    [Fact]
    public async Task A_retried_press_is_answered_without_acknowledging_twice()
    {
        var (bobsPage, _) = await DeclareAndWaitForPagesAsync("declare Partner escalation about scams --source partner");
        var press = Press(Bob, bobsPage);

        await _bot.SendAsync(press);
        var retry = await ReadCardAsync(_bot.SendAsync((JsonObject)press.DeepClone()));

        Assert.DoesNotContain("first", retry, StringComparison.Ordinal);
        Assert.Single(await _bot.TimelineAsync(1, TimelineKind.PageAcknowledged));
    }

    [Fact]
    public async Task A_press_whose_value_is_not_a_button_of_the_pressed_card_is_refused()
    {
        var (bobsPage, _) = await DeclareAndWaitForPagesAsync("declare sev2 Fake removal notices --market NP");
        // A page id as it used to be made: guessable from the incident and policy.
        var forged = Invoke(_connector.ServiceUrl, Bob, PageMessages.AcknowledgeActionId,
            new JsonObject { ["value"] = "page-1-np-responders-s0-a0" }, bobsPage.ConversationId, bobsPage.ActivityId);

        var answer = await ReadCardAsync(_bot.SendAsync(forged));

        Assert.Contains(TeamsCardActions.NotOurButton, answer, StringComparison.Ordinal);
        Assert.Equal(PageStatus.Pending, (await PageAsync()).Status);
        Assert.Contains(_bot.Logs.Logs, l => l.Message.StartsWith("Refused Teams card action page.acknowledge", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Someone_who_was_not_paged_cannot_acknowledge_with_a_copied_press_and_does_not_join()
    {
        var (bobsPage, _) = await DeclareAndWaitForPagesAsync("declare sev1 Minor in a livestream --restricted");
        // Alice replays Bob's press from her own chat: the card is not one the bot sent her.
        var copied = Invoke(_connector.ServiceUrl, Alice, PageMessages.AcknowledgeActionId,
            new JsonObject { ["value"] = PageIdOf(bobsPage) }, PersonalChat(Alice), bobsPage.ActivityId);

        var answer = await ReadCardAsync(_bot.SendAsync(copied));

        Assert.Contains(TeamsCardActions.NotOurButton, answer, StringComparison.Ordinal);
        Assert.Equal(PageStatus.Pending, (await PageAsync()).Status);
        var incident = (await _bot.Incidents.FindAsync(new WorkspaceId(Tenant), new IncidentNumber(1), default))!.Value;
        Assert.Equal([new UserId(Alice.AadObjectId)], incident.Members());
    }

    private async Task<(ConnectorCall Bob, ConnectorCall Chandra)> DeclareAndWaitForPagesAsync(string command)
    {
        var declared = await _bot.SendAsync(PersonalMessage(_connector.ServiceUrl, Alice, command));
        Assert.Equal(HttpStatusCode.OK, declared.StatusCode);
        var bob = await _bot.WaitForConnectorAsync(c => IsPage(c, Bob), "Bob's page");
        var chandra = await _bot.WaitForConnectorAsync(c => IsPage(c, Chandra), "Chandra's page");
        // A card's buttons count once the bot has recorded the card, just after the Connector answered its send.
        await UntilRecordedAsync(bob);
        await UntilRecordedAsync(chandra);
        return (bob, chandra);
    }

    private Task<bool> UntilRecordedAsync(ConnectorCall card) =>
        BoundedPoll.UntilAsync(
            async token => await _bot.Services.GetRequiredService<IDocumentStore>().ReadAsync<TeamsCardRecord>(
                new WorkspaceId(Tenant), TeamsCardRecord.IdFor(card.ConversationId, card.ActivityId!), token) is not null,
            recorded => recorded, $"the page card {card.ActivityId} recorded", TimeSpan.FromSeconds(10), TimeSpan.FromMilliseconds(5));

    private static bool IsPage(ConnectorCall call, TestPerson person) =>
        call.Kind == "send" && call.ConversationId == PersonalChat(person) && call.CardText.Contains("\"verb\":\"page.", StringComparison.Ordinal);

    private JsonObject Press(TestPerson person, ConnectorCall card) =>
        Invoke(_connector.ServiceUrl, person, PageMessages.AcknowledgeActionId, new JsonObject { ["value"] = PageIdOf(card) }, card.ConversationId, card.ActivityId);

    /// <summary>The page id the card's Acknowledge button carries (it has a random part).</summary>
    private static string PageIdOf(ConnectorCall card) =>
        (string)Nodes(JsonNode.Parse(card.CardJson)).First(n => n is JsonObject o && (string?)o["verb"] == PageMessages.AcknowledgeActionId)!["data"]!["value"]!;

    private static IEnumerable<JsonNode> Nodes(JsonNode? node) => node switch
    {
        JsonObject o => o.Select(p => p.Value).SelectMany(Nodes).Prepend(o),
        JsonArray a => a.SelectMany(Nodes),
        _ => [],
    };

    private Task<HttpResponseMessage> PressAsync(TestPerson person, ConnectorCall card) => _bot.SendAsync(Press(person, card));

    private static async Task<string> ReadCardAsync(Task<HttpResponseMessage> response)
    {
        using var answer = await response;
        Assert.Equal(HttpStatusCode.OK, answer.StatusCode);
        var value = JsonNode.Parse(await answer.Content.ReadAsStringAsync())!["value"]!;
        return System.Text.RegularExpressions.Regex.Unescape(value.ToJsonString());
    }

    private async Task<Page> PageAsync()
    {
        await foreach (var page in _bot.Services.GetRequiredService<PageStore>().ListForIncidentAsync(new WorkspaceId(Tenant), 1, default))
            return page;
        throw new InvalidOperationException("INC-1 has no page.");
    }
}
