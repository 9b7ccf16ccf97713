using IncidentBot.IntegrationTests.Bot;
using Microsoft.Extensions.Time.Testing;

namespace IncidentBot.IntegrationTests.Trends;

/// <summary>The whole bot on an embedded store at <see cref="TrendDataSet.Now"/>, with a fake Slack; tests seed their own workspace.</summary>
public sealed class TrendsBot : IAsyncLifetime
{
    private readonly string _database = BotApplication.NewDatabasePath();

    public FakeTimeProvider Clock { get; } = new(TrendDataSet.Now);

    public FakeSlackServer Slack { get; private set; } = null!;

    public BotApplication Bot { get; private set; } = null!;

    public HttpClient Client { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Slack = await FakeSlackServer.StartAsync();
        Bot = new BotApplication(Slack, _database, Clock);
        Client = Bot.Start();
    }

    public async Task DisposeAsync()
    {
        Client.Dispose();
        await Bot.DisposeAsync();
        await Slack.DisposeAsync();
        BotApplication.DeleteDatabase(_database);
    }

    public async Task<string> SeedAsync()
    {
        var workspace = BotFixture.NewTeam();
        await TrendDataSet.SeedAsync(Bot.Documents, workspace, default);
        return workspace;
    }

    public static HttpRequestMessage Get(string path, bool withKey = true)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, path);
        if (withKey)
            request.Headers.Authorization = new("Bearer", BotApplication.ApiKey);
        return request;
    }
}
