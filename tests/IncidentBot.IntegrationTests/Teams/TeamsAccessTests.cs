using System.Net;
using System.Text.Json.Nodes;
using IncidentBot.Dialogs.Incidents;
using IncidentBot.IntegrationTests.Bot;
using IncidentBot.Teams.Conversations;
using Microsoft.Extensions.DependencyInjection;
using static IncidentBot.Testing.Builders.TeamsActivities;

namespace IncidentBot.IntegrationTests.Teams;

/// <summary>
/// Who is served without an app id (issue 18, items 1 and 3): requests from this machine only,
/// with no forwarding header, from the msteams channel and the configured tenant; and a refused
/// activity changes nothing, not even the conversation references kept for proactive messages.
/// </summary>
public sealed class TeamsAccessTests : IAsyncLifetime
{
    /// <summary>An address from 198.18.0.0/15 (benchmarking, RFC 2544): never this machine.</summary>
    private static readonly IPAddress FarAway = IPAddress.Parse("198.18.0.7");

    private readonly List<IAsyncDisposable> _running = [];
    private readonly List<string> _databases = [];

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        for (var i = _running.Count - 1; i >= 0; i--)
            await _running[i].DisposeAsync();
        foreach (var database in _databases)
            BotApplication.DeleteDatabase(database);
    }

    [Fact]
    public async Task A_declare_from_another_machine_is_refused_although_it_names_a_loopback_connector()
    {
        var (bot, connector) = await StartAsync(remoteAddress: FarAway);

        var response = await bot.SendAsync(PersonalMessage(connector.ServiceUrl, Alice, "declare sev2 Forged from afar"));

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Null(await bot.Incidents.FindAsync(new WorkspaceId(Tenant), new IncidentNumber(1), default));
        Assert.Empty(connector.Calls);
        Assert.Null(await Directory(bot).FindTenantAsync(TenantId, default));
        Assert.Contains(bot.Logs.Logs, l => l.Message.Contains("did not come from this machine", StringComparison.Ordinal));
    }

    [Fact]
    public async Task The_same_declare_from_this_machine_is_served()
    {
        var (bot, connector) = await StartAsync();

        var response = await bot.SendAsync(PersonalMessage(connector.ServiceUrl, Alice, "declare sev2 Sent from this machine"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.NotNull(await bot.Incidents.FindAsync(new WorkspaceId(Tenant), new IncidentNumber(1), default));
    }

    [Theory]
    [InlineData("Forwarded", "for=198.18.0.7;proto=https")]
    [InlineData("X-Forwarded-For", "198.18.0.7")]
    [InlineData("X-Forwarded-Host", "bot.example.net")]
    [InlineData("X-Forwarded-Proto", "https")]
    [InlineData("X-Real-IP", "198.18.0.7")]
    [InlineData("Via", "1.1 proxy")]
    public async Task A_request_relayed_by_a_proxy_on_this_machine_is_refused(string header, string value)
    {
        var (bot, connector) = await StartAsync();

        var response = await bot.SendAsync(PersonalMessage(connector.ServiceUrl, Alice, "declare sev2 Through a proxy"), headers: new() { [header] = value });

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Null(await bot.Incidents.FindAsync(new WorkspaceId(Tenant), new IncidentNumber(1), default));
        Assert.Empty(connector.Calls);
        Assert.Contains(bot.Logs.Logs, l => l.Message.Contains("forwarding header", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("webchat")]
    [InlineData("directline")]
    [InlineData("emulator")]
    [InlineData("MSTEAMS")]
    public async Task An_activity_from_a_channel_other_than_msteams_is_refused_and_logged(string channel)
    {
        var (bot, connector) = await StartAsync();
        var activity = PersonalMessage(connector.ServiceUrl, Alice, "declare sev2 From web chat");
        activity["channelId"] = channel;

        var response = await bot.SendAsync(activity);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Null(await bot.Incidents.FindAsync(new WorkspaceId(Tenant), new IncidentNumber(1), default));
        Assert.Empty(connector.Calls);
        Assert.Contains(bot.Logs.Logs, l => l.Message.Contains("channel other than msteams", StringComparison.Ordinal));
    }

    [Fact]
    public async Task An_activity_from_another_channel_leaves_the_stored_connector_and_chat_as_they_were()
    {
        var (bot, connector) = await StartAsync();
        Assert.Equal(HttpStatusCode.OK, (await bot.SendAsync(PersonalMessage(connector.ServiceUrl, Alice, "help"))).StatusCode);
        var tenantBefore = await Directory(bot).FindTenantAsync(TenantId, default);
        var aliceBefore = await Directory(bot).FindPersonAsync(TenantId, Alice.AadObjectId, default);
        Assert.NotNull(tenantBefore);
        Assert.NotNull(aliceBefore);
        var elsewhere = await StartConnectorAsync();
        var webChat = PersonalMessage(elsewhere.ServiceUrl, Alice with { Name = "Someone Else" }, "help");
        webChat["channelId"] = "webchat";
        webChat["conversation"]!["id"] = "dl-conversation-7";
        webChat["recipient"]!["id"] = "webchat-bot";

        var response = await bot.SendAsync(webChat);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal(tenantBefore, await Directory(bot).FindTenantAsync(TenantId, default));
        Assert.Equal(aliceBefore, await Directory(bot).FindPersonAsync(TenantId, Alice.AadObjectId, default));
        Assert.Empty(elsewhere.Calls);
    }

    [Fact]
    public async Task A_request_from_another_machine_leaves_the_stored_connector_and_chat_as_they_were()
    {
        var (bot, connector) = await StartAsync();
        Assert.Equal(HttpStatusCode.OK, (await bot.SendAsync(PersonalMessage(connector.ServiceUrl, Alice, "help"))).StatusCode);
        var tenantBefore = await Directory(bot).FindTenantAsync(TenantId, default);
        var aliceBefore = await Directory(bot).FindPersonAsync(TenantId, Alice.AadObjectId, default);
        await bot.DisposeAsync();
        // The same store, now reached from afar: the forged activity points pages at another connector.
        var (farBot, _) = await StartAsync(remoteAddress: FarAway, database: bot.DatabasePath, connector: connector);
        var elsewhere = await StartConnectorAsync();
        var forged = PersonalMessage(elsewhere.ServiceUrl, Alice, "help");
        forged["conversation"]!["id"] = "a:forged-chat";

        var response = await farBot.SendAsync(forged);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal(tenantBefore, await Directory(farBot).FindTenantAsync(TenantId, default));
        Assert.Equal(aliceBefore, await Directory(farBot).FindPersonAsync(TenantId, Alice.AadObjectId, default));
        Assert.Empty(elsewhere.Calls);
    }

    [Fact]
    public async Task Without_an_app_id_an_activity_from_another_tenant_is_forbidden()
    {
        var (bot, connector) = await StartAsync();
        var activity = PersonalMessage(connector.ServiceUrl, Alice, "declare sev2 Other tenant");
        activity["channelData"]!["tenant"]!["id"] = "99999999-0000-4000-8000-000000000000";
        activity["conversation"]!["tenantId"] = "99999999-0000-4000-8000-000000000000";

        var response = await bot.SendAsync(activity);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Null(await bot.Incidents.FindAsync(new WorkspaceId("99999999-0000-4000-8000-000000000000"), new IncidentNumber(1), default));
        Assert.Empty(connector.Calls);
    }

    [Fact]
    public async Task The_start_up_log_says_Teams_runs_in_local_mode_for_its_tenant()
    {
        var (bot, _) = await StartAsync();

        var line = Assert.Single(bot.Logs.Logs, l => l.Message.Contains("without an app id (local mode)", StringComparison.Ordinal));
        Assert.Contains(Tenant, line.Message, StringComparison.Ordinal);
        Assert.Contains("loopback address, no forwarding headers", line.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Teams_without_a_tenant_stops_the_bot_at_start_up()
    {
        var connector = await StartConnectorAsync();
        var database = BotApplication.NewDatabasePath();
        _databases.Add(database);
        var bot = new TeamsBotApplication(connector, database, new Dictionary<string, string?> { ["Teams:TenantId"] = null }, environment: "Production");
        _running.Add(bot);

        var error = Assert.ThrowsAny<Exception>(() => bot.Start());

        Assert.Contains("Teams:TenantId is required", error.ToString(), StringComparison.Ordinal);
    }

    private static readonly WorkspaceId TenantId = new(Tenant);

    private static TeamsDirectory Directory(TeamsBotApplication bot) => bot.Services.GetRequiredService<TeamsDirectory>();

    private async Task<FakeBotConnector> StartConnectorAsync()
    {
        var connector = await FakeBotConnector.StartAsync();
        _running.Add(connector);
        return connector;
    }

    private async Task<(TeamsBotApplication Bot, FakeBotConnector Connector)> StartAsync(
        IPAddress? remoteAddress = null, string? database = null, FakeBotConnector? connector = null)
    {
        connector ??= await StartConnectorAsync();
        if (database is null)
        {
            database = BotApplication.NewDatabasePath();
            _databases.Add(database);
        }
        var bot = new TeamsBotApplication(connector, database, remoteAddress: remoteAddress);
        _running.Add(bot);
        bot.Start();
        return (bot, connector);
    }
}
