using IncidentBot.Storage.Cosmos;
using Microsoft.Azure.Cosmos;
using Microsoft.Extensions.Logging.Abstractions;

namespace IncidentBot.IntegrationTests.Storage.Cosmos;

/// <summary>
/// One Cosmos DB test server and one client for a test class, built by the same factory the
/// bot uses. Tests work in fresh workspaces, so they share the database and container.
/// </summary>
public sealed class CosmosServerFixture : IAsyncLifetime
{
    private CosmosTestServer? _server;
    private CosmosClient? _client;

    public CosmosTestServer Server => _server ?? throw new InvalidOperationException("Not started.");

    public CosmosClient Client => _client ?? throw new InvalidOperationException("Not started.");

    public async Task InitializeAsync()
    {
        _server = await CosmosTestServer.StartAsync();
        _client = CosmosClientFactory.Create(Options(), NullLogger.Instance);
    }

    public async Task DisposeAsync()
    {
        _client?.Dispose();
        if (_server is not null)
            await _server.DisposeAsync();
    }

    /// <summary>The settings the test server needs: Gateway mode and its self-signed certificate accepted.</summary>
    public CosmosOptions Options(string database = "incidentbot-tests", string container = "incidents") => new()
    {
        Endpoint = Server.Endpoint.ToString(),
        Key = CosmosTestServer.Key,
        Database = database,
        Container = container,
        ConnectionMode = CosmosConnectionMode.Gateway,
        AcceptSelfSignedCertificate = true,
        RequestTimeoutSeconds = 10,
        MaxRetryAttempts = 1,
    };

    internal CosmosDocumentStore OpenStore(CosmosOptions? options = null) =>
        new(Client, options ?? Options(), TimeProvider.System, NullLogger<CosmosDocumentStore>.Instance, metrics: null);
}
