using Azure.Identity;
using Microsoft.Azure.Cosmos;

namespace IncidentBot.Storage.Cosmos;

/// <summary>Builds the process's one <see cref="CosmosClient"/> from <see cref="CosmosOptions"/>.</summary>
internal static class CosmosClientFactory
{
    public static CosmosClient Create(CosmosOptions options, ILogger logger)
    {
        if (!CosmosAccount.TryResolve(options, out var account, out var problem))
            throw new InvalidOperationException(problem); // validation at start says the same, earlier
        var clientOptions = new CosmosClientOptions
        {
            ApplicationName = "IncidentBot",
            ConnectionMode = options.ConnectionMode == CosmosConnectionMode.Direct ? ConnectionMode.Direct : ConnectionMode.Gateway,
            // Documents go through the store as streams in DocumentJson's form; this keeps anything the SDK serialises in that form too.
            Serializer = new DocumentJsonCosmosSerializer(),
            RequestTimeout = TimeSpan.FromSeconds(options.RequestTimeoutSeconds),
            MaxRetryWaitTimeOnRateLimitedRequests = TimeSpan.FromSeconds(options.MaxRateLimitWaitSeconds),
            // Writes need the new ETag, never the body back: less bandwidth and latency.
            EnableContentResponseOnWrite = false,
            // The emulator and the test server are one endpoint with no other regions to discover.
            LimitToEndpoint = account!.IsLoopback,
        };
        if (options.AcceptSelfSignedCertificate)
        {
            if (account.IsLoopback)
            {
                logger.SelfSignedCertificateAccepted(account.Endpoint.Authority);
                clientOptions.ServerCertificateCustomValidationCallback = static (_, _, _) => true;
            }
            else
            {
                logger.SelfSignedCertificateIgnored(account.Endpoint.Authority);
            }
        }
        var endpoint = account.Endpoint.ToString();
        return account.Key is { } key
            ? new CosmosClient(endpoint, key, clientOptions)
            : new CosmosClient(endpoint, new DefaultAzureCredential(), clientOptions);
    }
}
