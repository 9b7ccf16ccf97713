using System.Diagnostics;
using IncidentBot.Dialogs.Storage;
using IncidentBot.IntegrationTests.Builders;

namespace IncidentBot.IntegrationTests.Storage.Cosmos;

/// <summary>What the store does when the account goes away and comes back. Each test has a server of its own to stop.</summary>
public sealed class CosmosOutageTests : IAsyncLifetime, IDisposable
{
    private readonly CosmosServerFixture _cosmos = new();
    private readonly CancellationTokenSource _timeout = new(TimeSpan.FromSeconds(60));

    public Task InitializeAsync() => _cosmos.InitializeAsync();

    public Task DisposeAsync() => _cosmos.DisposeAsync();

    public void Dispose() => _timeout.Dispose();

    [Fact]
    public async Task A_call_while_the_server_is_down_fails_as_store_unavailable_after_bounded_retries()
    {
        var options = _cosmos.Options();
        using var store = _cosmos.OpenStore(options);
        await store.InitializeAsync(_timeout.Token);
        await _cosmos.Server.StopAsync();
        var watch = Stopwatch.StartNew();

        await Assert.ThrowsAsync<StoreUnavailableException>(
            () => store.UpsertAsync(new SampleDocumentBuilder("T0DOWN").Build(), _timeout.Token));

        // Bounded by the settings: each attempt has its request timeout. (A refused attempt with its read-back takes
        // 3-5 s, the SDK's own connection retries; 9 s for the two here, 10.4 s once in CI at load 15.)
        var budget = TimeSpan.FromSeconds(options.RequestTimeoutSeconds * (options.MaxRetryAttempts + 1));
        Assert.True(watch.Elapsed < budget, $"took {watch.Elapsed}; the settings allow {budget}");
        Assert.False((await store.CheckHealthAsync(_timeout.Token)).IsHealthy);
    }

    [Fact]
    public async Task After_the_server_comes_back_empty_the_store_creates_its_container_again_and_works()
    {
        using var store = _cosmos.OpenStore();
        await store.CreateAsync(new SampleDocumentBuilder("T0BACK").WithId("before").Build(), _timeout.Token);
        await _cosmos.Server.StopAsync();
        await _cosmos.Server.RestartAsync(_timeout.Token);

        await store.CreateAsync(new SampleDocumentBuilder("T0BACK").WithId("after").Build(), _timeout.Token);

        var ids = await store.QueryAsync<SampleDocument>(new DocumentQuery("T0BACK", SampleDocument.DocumentType), _timeout.Token)
            .Select(d => d.Value.Id).ToListAsync(_timeout.Token);
        Assert.Equal(["after"], ids);
        Assert.True((await store.CheckHealthAsync(_timeout.Token)).IsHealthy);
    }
}
