using IncidentBot.IntegrationTests.Bot;
using Microsoft.Extensions.Time.Testing;

namespace IncidentBot.IntegrationTests.Trends;

/// <summary>The whole bot on an embedded store at <see cref="TrendDataSet.Now"/>, with a fake Slack; tests seed their own workspace.</summary>
public sealed class TrendsBot : SlackBotFixture
{
    public FakeTimeProvider Clock { get; } = new(TrendDataSet.Now);

    protected override BotHostOptions BotOptions => new() { Clock = Clock };

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
