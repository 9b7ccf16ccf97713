using System.Net;
using System.Text.Json.Nodes;
using IncidentBot.IntegrationTests.Bot;
using IncidentBot.Teams;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using static IncidentBot.Testing.Builders.TeamsActivities;

namespace IncidentBot.IntegrationTests.Teams;

/// <summary>
/// Issue 19: in Development with no Teams settings, Teams is on for Microsoft 365 Agents Playground
/// (its tenant and channels, loopback callers only, no app id); Production keeps Teams off until it
/// is configured.
/// </summary>
public sealed class TeamsDevelopmentDefaultsTests : IAsyncLifetime
{
    private static readonly Dictionary<string, string?> NoTeamsSettings = new()
    {
        ["Teams:TenantId"] = null,
        ["Teams:IncidentsChannelId"] = null,
        ["Teams:AnnouncementChannelId"] = null,
        ["Teams:ServiceUrl"] = null,
    };

    private FakeBotConnector _connector = null!;
    private TeamsBotApplication? _bot;
    private readonly string _database = BotApplication.NewDatabasePath();

    public async Task InitializeAsync() => _connector = await FakeBotConnector.StartAsync();

    public async Task DisposeAsync()
    {
        if (_bot is not null)
            await _bot.DisposeAsync();
        await _connector.DisposeAsync();
        BotApplication.DeleteDatabase(_database);
    }

    [Fact]
    public async Task In_Development_without_Teams_settings_the_bot_answers_the_Playground()
    {
        _bot = new TeamsBotApplication(_connector, _database, NoTeamsSettings, environment: "Development");
        _bot.Start();

        var response = await _bot.SendAsync(InPlaygroundTenant(PersonalMessage(_connector.ServiceUrl, Alice, "help")));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var answer = await _bot.WaitForConnectorAsync(c => c.ConversationId == PersonalChat(Alice), "the answer to help");
        Assert.Contains("declare", answer.CardText, StringComparison.Ordinal);
        var settings = _bot.Services.GetRequiredService<IOptions<TeamsOptions>>().Value;
        Assert.Equal(
            (TeamsPlayground.DefaultTenantId, TeamsPlayground.GeneralChannelId, TeamsPlayground.AnnouncementsChannelId, TeamsPlayground.ServiceUrl, ""),
            (settings.TenantId, settings.IncidentsChannelId, settings.AnnouncementChannelId, settings.ServiceUrl, settings.MicrosoftAppId));
        Assert.Contains(_bot.Logs.Logs, l => l.Message.Contains("Development defaults for Microsoft 365 Agents Playground", StringComparison.Ordinal));
    }

    [Fact]
    public async Task In_Development_the_defaults_still_refuse_other_tenants()
    {
        _bot = new TeamsBotApplication(_connector, _database, NoTeamsSettings, environment: "Development");
        _bot.Start();

        var response = await _bot.SendAsync(PersonalMessage(_connector.ServiceUrl, Alice, "help"));

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Empty(_connector.Calls);
    }

    [Fact]
    public async Task In_Production_without_Teams_settings_Teams_stays_off()
    {
        _bot = new TeamsBotApplication(_connector, _database, NoTeamsSettings, environment: "Production");
        _bot.Start();

        var response = await _bot.SendAsync(InPlaygroundTenant(PersonalMessage(_connector.ServiceUrl, Alice, "help")));

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.Empty(_connector.Calls);
        Assert.DoesNotContain(_bot.Logs.Logs, l => l.Message.Contains("Development defaults", StringComparison.Ordinal));
    }

    [Fact]
    public void In_Development_an_app_id_turns_the_defaults_off_and_the_Playground_tenant_is_refused_at_start_up()
    {
        _bot = new TeamsBotApplication(_connector, _database,
            new Dictionary<string, string?>(NoTeamsSettings)
            {
                ["Teams:MicrosoftAppId"] = "0b07b075-0000-4000-8000-0000000000b0",
                ["Teams:MicrosoftAppPassword"] = "not-a-real-secret",
                ["Teams:IncidentsChannelId"] = IncidentsChannel,
                ["Teams:TenantId"] = TeamsPlayground.DefaultTenantId,
            },
            environment: "Development");

        var failure = Assert.ThrowsAny<Exception>(() => _bot.Start());

        var invalid = Assert.IsType<OptionsValidationException>(failure.GetBaseException());
        Assert.Contains("Teams:TenantId must be the tenant's id", invalid.Message, StringComparison.Ordinal);
    }

    private static JsonObject InPlaygroundTenant(JsonObject activity)
    {
        activity["channelData"]!["tenant"]!["id"] = TeamsPlayground.DefaultTenantId;
        activity["conversation"]!["tenantId"] = TeamsPlayground.DefaultTenantId;
        return activity;
    }
}
