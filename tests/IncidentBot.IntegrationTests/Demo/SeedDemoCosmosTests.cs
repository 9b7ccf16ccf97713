using System.Globalization;
using IncidentBot.Demo;
using IncidentBot.IntegrationTests.Storage.Cosmos;
using Microsoft.Extensions.Time.Testing;

namespace IncidentBot.IntegrationTests.Demo;

/// <summary><c>seed-demo --allow-cosmos</c> against the Cosmos-protocol test server: told explicitly, it writes there too.</summary>
public sealed class SeedDemoCosmosTests(CosmosServerFixture cosmos) : IClassFixture<CosmosServerFixture>
{
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 11, 21, 12, 0, 0, TimeSpan.Zero));

    private async Task<(int Exit, string Output, string Error)> SeedAsync(string workspace, params string[] extra)
    {
        using var output = new StringWriter(CultureInfo.InvariantCulture);
        using var error = new StringWriter(CultureInfo.InvariantCulture);
        string[] args =
        [
            SeedDemoCommand.Name, "--workspace", workspace, "--platform", "slack",
            $"--Cosmos:Endpoint={cosmos.Server.Endpoint}", $"--Cosmos:Key={CosmosTestServer.Key}", "--Cosmos:Database=incidentbot-seed",
            "--Cosmos:ConnectionMode=Gateway", "--Cosmos:AcceptSelfSignedCertificate=true", .. extra,
        ];
        var exit = await SeedDemoCommand.RunAsync(args, output, error, _clock, default);
        return (exit, output.ToString(), error.ToString());
    }

    [Fact]
    public async Task With_allow_cosmos_it_seeds_the_cosmos_store_once()
    {
        var workspace = "T" + Guid.NewGuid().ToString("N")[..10].ToUpperInvariant();

        var refused = await SeedAsync(workspace);
        var first = await SeedAsync(workspace, "--allow-cosmos");
        var second = await SeedAsync(workspace, "--allow-cosmos");

        Assert.Equal(2, refused.Exit);
        Assert.True(first.Exit == 0, first.Error);
        Assert.Contains("40 incidents", first.Output, StringComparison.Ordinal);
        Assert.Contains("Cosmos DB", first.Output, StringComparison.Ordinal);
        Assert.Equal(0, second.Exit);
        // Counted in Cosmos by the command itself: the refused run wrote nothing, the first wrote the month once.
        Assert.Contains("already has 40 incidents: nothing written", second.Output, StringComparison.Ordinal);
    }
}
