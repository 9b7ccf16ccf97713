using System.Net;
using System.Text.Json.Nodes;
using IncidentBot.IntegrationTests.Bot;
using static IncidentBot.Testing.Builders.TeamsActivities;

namespace IncidentBot.IntegrationTests.Teams;

/// <summary>What /api/messages refuses, and how, with no app id configured (local development and tests).</summary>
public sealed class TeamsEndpointTests : IAsyncLifetime
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

    [Fact]
    public async Task A_service_url_off_this_machine_is_refused_without_a_reply()
    {
        var response = await _bot.SendAsync(PersonalMessage("https://smba.example.net/amer/", Alice, "help"));

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Empty(_connector.Calls);
        Assert.Contains(_bot.Logs.Logs, l => l.Message.Contains("serviceUrl is not a loopback address", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("{ not json")]
    [InlineData("[1, 2, 3]")]
    [InlineData("\"message\"")]
    [InlineData("{\"text\": \"no type\"}")]
    [InlineData("{\"type\": \"message\", \"from\": 5, \"conversation\": []}")]
    [InlineData("")]
    public async Task A_malformed_activity_is_a_bad_request(string body)
    {
        var response = await _bot.SendRawAsync(body);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Empty(_connector.Calls);
    }

    [Fact]
    public async Task An_activity_larger_than_the_limit_is_refused_with_413()
    {
        var response = await _bot.SendRawAsync("{\"type\":\"message\",\"text\":\"" + new string('a', 262_144) + "\"}");

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Empty(_connector.Calls);
    }

    [Fact]
    public async Task An_activity_without_a_tenant_is_a_bad_request()
    {
        var activity = PersonalMessage(_connector.ServiceUrl, Alice, "help");
        activity.Remove("channelData");
        ((JsonObject)activity["conversation"]!).Remove("tenantId");

        var response = await _bot.SendAsync(activity);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    [Fact]
    public async Task An_unknown_invoke_is_not_implemented_rather_than_an_error()
    {
        var activity = Invoke(_connector.ServiceUrl, Alice, "whatever", new JsonObject(), PersonalChat(Alice));
        activity["name"] = "composeExtension/query";

        var response = await _bot.SendAsync(activity);

        Assert.Equal(HttpStatusCode.NotImplemented, response.StatusCode);
    }

    [Fact]
    public async Task A_card_action_that_is_not_Action_Execute_is_a_bad_request_from_the_sdk()
    {
        var activity = Invoke(_connector.ServiceUrl, Alice, "incident.join", new JsonObject(), PersonalChat(Alice));
        activity["value"]!["action"]!["type"] = "Action.Submit";

        var response = await _bot.SendAsync(activity);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("NotSupported", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Credentials_without_an_app_id_are_refused_and_logged()
    {
        var response = await _bot.SendAsync(PersonalMessage(_connector.ServiceUrl, Alice, "help"), "Bearer eyJhbGciOiJSUzI1NiJ9.e30.c2ln");

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Empty(_connector.Calls);
        var line = Assert.Single(_bot.Logs.Logs, l => l.Message.Contains("Authorization header sent", StringComparison.Ordinal));
        Assert.DoesNotContain("eyJ", line.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Unknown_events_are_accepted()
    {
        var activity = PersonalMessage(_connector.ServiceUrl, Alice, "");
        activity["type"] = "messageReaction";
        activity["reactionsAdded"] = new JsonArray { new JsonObject { ["type"] = "like" } };

        var response = await _bot.SendAsync(activity);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }
}
