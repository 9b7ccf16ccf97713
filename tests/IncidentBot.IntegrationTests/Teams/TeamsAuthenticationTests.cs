using System.Net;
using IncidentBot.Dialogs.Incidents;
using IncidentBot.IntegrationTests.Bot;
using static IncidentBot.Testing.Builders.TeamsActivities;

namespace IncidentBot.IntegrationTests.Teams;

/// <summary>With an app id, only requests the Bot Framework signed are served.</summary>
public sealed class TeamsAuthenticationTests : IAsyncLifetime
{
    private FakeBotConnector _connector = null!;
    private TeamsBotApplication _bot = null!;
    private readonly string _database = BotApplication.NewDatabasePath();

    public async Task InitializeAsync()
    {
        _connector = await FakeBotConnector.StartAsync();
        _bot = new TeamsBotApplication(_connector, _database, new Dictionary<string, string?>
        {
            ["Teams:MicrosoftAppId"] = "0b07b075-0000-4000-8000-0000000000b0",
            ["Teams:MicrosoftAppPassword"] = "not-a-real-secret",
            ["Teams:TenantId"] = Tenant,
        });
        _bot.Start();
    }

    public async Task DisposeAsync()
    {
        await _bot.DisposeAsync();
        await _connector.DisposeAsync();
        BotApplication.DeleteDatabase(_database);
    }

    [Fact]
    public async Task A_request_without_a_token_is_refused()
    {
        var response = await _bot.SendAsync(PersonalMessage(_connector.ServiceUrl, Alice, "declare Should not happen"));

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Empty(_connector.Calls);
        Assert.Null(await _bot.Incidents.FindAsync(new WorkspaceId(Tenant), new Dialogs.Incidents.IncidentNumber(1), default));
        Assert.Contains(_bot.Logs.Logs, l => l.Message.Contains("token missing or invalid", StringComparison.Ordinal));
    }

    [Fact]
    public async Task An_activity_from_another_tenant_is_forbidden()
    {
        var activity = PersonalMessage(_connector.ServiceUrl, Alice, "help");
        activity["channelData"]!["tenant"]!["id"] = "99999999-0000-4000-8000-000000000000";
        activity["conversation"]!["tenantId"] = "99999999-0000-4000-8000-000000000000";

        var response = await _bot.SendAsync(activity);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
    }
}
