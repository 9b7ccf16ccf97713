namespace IncidentBot.Storage.Cosmos;

/// <summary>How the SDK talks to Cosmos DB: TCP to the replicas (production) or HTTPS through the gateway.</summary>
public enum CosmosConnectionMode
{
    /// <summary>TCP to the backend replicas: lowest latency; the default for Azure.</summary>
    Direct,

    /// <summary>HTTPS through the account's gateway: for the emulator, the test server, and networks that allow only 443.</summary>
    Gateway,
}
