using IncidentBot.Testing.Fakes;

namespace IncidentBot.Testing.Hosts;

/// <summary>
/// What a Slack bot test runs on: the Slack stand-in, a fresh database, and the whole bot over them
/// (<see cref="BotApplication"/>, started; or none, see <see cref="StartStandInAsync"/>). Disposing stops
/// the bot and the stand-in and deletes the database. <see cref="SlackBotFixture"/> holds one for a test
/// class, or for each test.
/// </summary>
public sealed class SlackBot : IAsyncDisposable
{
    private BotHostOptions _options;
    private BotApplication? _bot;
    private HttpClient? _client;

    private SlackBot(FakeSlackServer slack, BotHostOptions options)
    {
        Slack = slack;
        _options = options;
    }

    public FakeSlackServer Slack { get; }

    public string DatabasePath { get; } = BotHost.NewDatabasePath();

    public BotApplication Bot => _bot ?? throw new InvalidOperationException("The bot is stopped.");

    /// <summary>The client <see cref="BotHost.Start"/> returned: the bot's own address.</summary>
    public HttpClient Client => _client ?? throw new InvalidOperationException("The bot is stopped.");

    /// <summary>Starts the stand-in, lets <paramref name="arrange"/> prepare it (users, scripted failures), then starts the bot.</summary>
    /// <param name="options">Settings, clock and services, as <see cref="BotApplication"/> takes them.</param>
    public static Task<SlackBot> StartAsync(BotHostOptions? options = null, Action<FakeSlackServer>? arrange = null) =>
        StartAsync(options ?? new BotHostOptions(), arrange, startBot: true);

    /// <summary>
    /// The stand-in and the database without a bot, for tests that start their own over <see cref="Slack"/> and
    /// <see cref="DatabasePath"/>: a start that must fail, a bot per step, a stand-in scripted by each test first.
    /// </summary>
    public static Task<SlackBot> StartStandInAsync(Action<FakeSlackServer>? arrange = null) =>
        StartAsync(new BotHostOptions(), arrange, startBot: false);

    /// <summary>
    /// Stops the bot (its in-memory job storage is lost) and starts a new one on the same database and
    /// stand-in; <paramref name="whileStopped"/> runs in between (to move a fake clock while no bot reads it).
    /// </summary>
    /// <param name="options">The new bot's options, and those of later restarts; by default the same as before.</param>
    public async Task RestartAsync(BotHostOptions? options = null, Action? whileStopped = null)
    {
        await StopBotAsync();
        whileStopped?.Invoke();
        if (options is not null)
            _options = options;
        StartBot();
    }

    public async ValueTask DisposeAsync()
    {
        await StopBotAsync();
        await Slack.DisposeAsync();
        BotHost.DeleteDatabase(DatabasePath);
    }

    private static async Task<SlackBot> StartAsync(BotHostOptions options, Action<FakeSlackServer>? arrange, bool startBot)
    {
        var started = new SlackBot(await FakeSlackServer.StartAsync(), options);
        try
        {
            arrange?.Invoke(started.Slack);
            if (startBot)
                started.StartBot();
            return started;
        }
        catch
        {
            await started.DisposeAsync();
            throw;
        }
    }

    private void StartBot()
    {
        _bot = new BotApplication(Slack, DatabasePath, _options);
        _client = _bot.Start();
    }

    private async Task StopBotAsync()
    {
        _client?.Dispose();
        _client = null;
        if (_bot is not null)
            await _bot.DisposeAsync();
        _bot = null;
    }
}
