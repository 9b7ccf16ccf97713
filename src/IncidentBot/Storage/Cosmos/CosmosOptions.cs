using System.ComponentModel.DataAnnotations;

namespace IncidentBot.Storage.Cosmos;

/// <summary>
/// The <c>Cosmos</c> configuration section. The Cosmos DB store is used when
/// <see cref="ConnectionString"/>, <see cref="Endpoint"/> or <see cref="Key"/> is set;
/// otherwise the embedded file is. Credentials: a connection string, or an endpoint with a
/// key, or an endpoint alone (Azure.Identity's <c>DefaultAzureCredential</c>).
/// </summary>
public sealed class CosmosOptions
{
    public const string SectionName = "Cosmos";

    /// <summary><c>AccountEndpoint=https://…;AccountKey=…;</c> from the portal's Keys page. Secret.</summary>
    public string ConnectionString { get; set; } = "";

    /// <summary>The account URI, <c>https://{account}.documents.azure.com:443/</c>.</summary>
    public string Endpoint { get; set; } = "";

    /// <summary>The account key, with <see cref="Endpoint"/>. Secret. Empty: DefaultAzureCredential.</summary>
    public string Key { get; set; } = "";

    [Required(AllowEmptyStrings = false)]
    [MaxLength(255)]
    public string Database { get; set; } = "incidentbot";

    [Required(AllowEmptyStrings = false)]
    [MaxLength(255)]
    public string Container { get; set; } = "incidents";

    /// <summary>Creates the database and container (partition key <c>/workspaceId</c>, TTL on) when missing.</summary>
    public bool CreateIfNotExists { get; set; } = true;

    public CosmosConnectionMode ConnectionMode { get; set; } = CosmosConnectionMode.Direct;

    /// <summary>
    /// Accepts the self-signed certificate of the emulator or the test server. Honoured only
    /// when the endpoint is a loopback address; ignored, with a warning, for any other host.
    /// </summary>
    public bool AcceptSelfSignedCertificate { get; set; }

    /// <summary>How long one attempt of a call may take, the SDK's own retries included.</summary>
    [Range(1, 120)]
    public int RequestTimeoutSeconds { get; set; } = 5;

    /// <summary>Our retries of a call that was throttled (429), unavailable (503) or timed out, after the SDK's own.</summary>
    [Range(0, 10)]
    public int MaxRetryAttempts { get; set; } = 2;

    /// <summary>How long the SDK itself keeps retrying throttled (429) requests before giving up to us.</summary>
    [Range(0, 60)]
    public int MaxRateLimitWaitSeconds { get; set; } = 3;

    /// <summary>A call slower than this logs its SDK diagnostics (a warning).</summary>
    [Range(1, 60_000)]
    public int SlowCallThresholdMilliseconds { get; set; } = 500;

    /// <summary>True when any setting that selects the Cosmos DB store is present.</summary>
    public bool IsConfigured =>
        !string.IsNullOrWhiteSpace(ConnectionString) || !string.IsNullOrWhiteSpace(Endpoint) || !string.IsNullOrWhiteSpace(Key);
}
