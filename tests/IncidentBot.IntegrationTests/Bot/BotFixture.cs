
namespace IncidentBot.IntegrationTests.Bot;

/// <summary>
/// One bot and one fake Slack shared by the tests of a class; each test uses its own
/// workspace (<see cref="NewTeam"/>) so incident numbers and calls do not mix.
/// </summary>
public sealed class BotFixture : IAsyncLifetime
{
    private readonly string _database = BotApplication.NewDatabasePath();

    public FakeSlackServer Slack { get; private set; } = null!;

    public BotApplication Bot { get; private set; } = null!;

    public HttpClient Client { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Slack = await FakeSlackServer.StartAsync();
        Bot = new BotApplication(Slack, _database);
        Client = Bot.Start();
    }

    public async Task DisposeAsync()
    {
        Client.Dispose();
        await Bot.DisposeAsync();
        await Slack.DisposeAsync();
        BotApplication.DeleteDatabase(_database);
    }

    public static string NewTeam() => "T" + Guid.NewGuid().ToString("N")[..10].ToUpperInvariant();
}
