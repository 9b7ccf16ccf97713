using System.Net.Http.Headers;
using System.Text.Json.Nodes;
using IncidentBot.IntegrationTests.Bot;
using IncidentBot.Slack.SocketMode;
using Microsoft.Extensions.DependencyInjection;

namespace IncidentBot.IntegrationTests.SocketMode;

/// <summary>
/// The bot in Socket Mode only (an app token, no signing secret), against a <see cref="FakeSlackServer"/>
/// whose <c>apps.connections.open</c> hands out URLs of a <see cref="FakeSocketModeServer"/>.
/// </summary>
public sealed class SocketModeBot : IAsyncDisposable
{
    private readonly string _database = BotApplication.NewDatabasePath();

    private SocketModeBot()
    {
    }

    public FakeSlackServer Slack { get; private set; } = null!;

    public FakeSocketModeServer Sockets { get; private set; } = null!;

    public BotApplication Bot { get; private set; } = null!;

    public HttpClient Client { get; private set; } = null!;

    public SocketModeStatus Status => Bot.Services.GetRequiredService<SocketModeStatus>();

    /// <summary>Starts everything and waits until the bot's two connections said hello.</summary>
    public static async Task<SocketModeBot> StartAsync(TimeProvider? clock = null)
    {
        var bot = new SocketModeBot();
        bot.Slack = await FakeSlackServer.StartAsync();
        bot.Sockets = await FakeSocketModeServer.StartAsync();
        bot.Slack.UseSocketMode(bot.Sockets);
        bot.Bot = new BotApplication(bot.Slack, bot._database, clock, new Dictionary<string, string?>
        {
            ["Slack:AppToken"] = FakeSlackServer.AppToken,
            ["Slack:SigningSecret"] = "",
        });
        bot.Client = bot.Bot.Start();
        await bot.Sockets.WaitForConnectionsAsync(2);
        return bot;
    }

    /// <summary>The <c>slack-socket-mode</c> check of <c>/readyz</c>, read with the API key.</summary>
    public async Task<JsonNode> ReadinessAsync()
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/readyz");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", BotApplication.ApiKey);
        using var response = await Client.SendAsync(request);
        return JsonNode.Parse(await response.Content.ReadAsStringAsync())!["checks"]!["slack-socket-mode"]!;
    }

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await Bot.DisposeAsync();
        await Sockets.DisposeAsync();
        await Slack.DisposeAsync();
        BotApplication.DeleteDatabase(_database);
    }
}
