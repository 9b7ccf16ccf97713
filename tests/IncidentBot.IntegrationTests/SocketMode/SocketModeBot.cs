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
    private readonly SlackBot _started;

    private SocketModeBot(SlackBot started, FakeSocketModeServer sockets)
    {
        _started = started;
        Sockets = sockets;
    }

    public FakeSlackServer Slack => _started.Slack;

    public FakeSocketModeServer Sockets { get; }

    public BotApplication Bot => _started.Bot;

    public HttpClient Client => _started.Client;

    public SocketModeStatus Status => Bot.Services.GetRequiredService<SocketModeStatus>();

    /// <summary>Starts everything and waits until the bot's two connections said hello.</summary>
    public static async Task<SocketModeBot> StartAsync(TimeProvider? clock = null)
    {
        var sockets = await FakeSocketModeServer.StartAsync();
        var options = new BotHostOptions
        {
            Clock = clock,
            Settings = new Dictionary<string, string?> { ["Slack:AppToken"] = FakeSlackServer.AppToken, ["Slack:SigningSecret"] = "" },
        };
        var bot = new SocketModeBot(await SlackBot.StartAsync(options, slack => slack.UseSocketMode(sockets)), sockets);
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
        await _started.DisposeAsync();
        await Sockets.DisposeAsync();
    }
}
