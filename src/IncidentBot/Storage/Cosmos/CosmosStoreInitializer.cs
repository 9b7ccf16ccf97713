using IncidentBot.Dialogs.Storage;
using Microsoft.Extensions.Options;

namespace IncidentBot.Storage.Cosmos;

/// <summary>
/// Says at start-up which store is in use and prepares the container. An unreachable account
/// does not stop the process: <c>/readyz</c> reports it and every call tries again, so the bot
/// recovers by itself when Cosmos DB is back. A container partitioned by another key does stop it.
/// </summary>
internal sealed class CosmosStoreInitializer(
    CosmosDocumentStore store, IOptions<CosmosOptions> options, ILogger<CosmosStoreInitializer> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var cosmos = options.Value;
        logger.Selected(store.EndpointHost, cosmos.Database, cosmos.Container, cosmos.ConnectionMode);
        try
        {
            await store.InitializeAsync(cancellationToken);
        }
        catch (StoreUnavailableException)
        {
            // Logged by the store with the reason; readiness stays red until a call succeeds.
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
