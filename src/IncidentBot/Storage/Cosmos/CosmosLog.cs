using System.Net;

namespace IncidentBot.Storage.Cosmos;

/// <summary>Cosmos DB store log lines: ids, status codes, charges and timings; never a body, a key or a connection string.</summary>
internal static partial class CosmosLog
{
    [LoggerMessage(Level = LogLevel.Information,
        Message = "Incident store: Cosmos DB at {EndpointHost}, database {Database}, container {Container}, {ConnectionMode} mode")]
    public static partial void Selected(this ILogger logger, string endpointHost, string database, string container, CosmosConnectionMode connectionMode);

    [LoggerMessage(Level = LogLevel.Information, Message = "Cosmos DB container {Database}/{Container} is ready (created if missing: {CreateIfNotExists})")]
    public static partial void ContainerReady(this ILogger logger, string database, string container, bool createIfNotExists);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Accepting the self-signed certificate of the loopback Cosmos DB endpoint {EndpointHost}")]
    public static partial void SelfSignedCertificateAccepted(this ILogger logger, string endpointHost);

    [LoggerMessage(Level = LogLevel.Warning,
        Message = "Cosmos:AcceptSelfSignedCertificate is ignored: {EndpointHost} is not a loopback address, so its certificate is validated as usual")]
    public static partial void SelfSignedCertificateIgnored(this ILogger logger, string endpointHost);

    [LoggerMessage(Level = LogLevel.Debug,
        Message = "Cosmos DB {Operation} of {DocumentId} in {WorkspaceId}: {StatusCode}, {RequestCharge} RU, {ElapsedMilliseconds} ms")]
    public static partial void Charged(this ILogger logger, string operation, string? documentId, string? workspaceId, HttpStatusCode statusCode, double requestCharge, long elapsedMilliseconds);

    [LoggerMessage(Level = LogLevel.Warning,
        Message = "Slow Cosmos DB {Operation} of {DocumentId} in {WorkspaceId}: {ElapsedMilliseconds} ms, {StatusCode}. Diagnostics: {Diagnostics}")]
    public static partial void SlowCall(this ILogger logger, string operation, string? documentId, string? workspaceId, long elapsedMilliseconds, HttpStatusCode statusCode, string diagnostics);

    [LoggerMessage(Level = LogLevel.Warning,
        Message = "Cosmos DB {Operation} in {WorkspaceId} failed ({Reason}); retry {Attempt} of {MaxAttempts} in {DelayMilliseconds} ms")]
    public static partial void Retrying(this ILogger logger, string operation, string? workspaceId, string reason, int attempt, int maxAttempts, long delayMilliseconds);

    [LoggerMessage(Level = LogLevel.Error, Message = "Cosmos DB unavailable during {Operation} of {DocumentId} in {WorkspaceId}: {Reason}")]
    public static partial void Unavailable(this ILogger logger, string operation, string? documentId, string? workspaceId, string reason, Exception? exception);

    [LoggerMessage(Level = LogLevel.Warning,
        Message = "Cosmos DB has lost the database or container (seen during a {Operation} in {WorkspaceId}); creating it again")]
    public static partial void ContainerMissing(this ILogger logger, string operation, string? workspaceId);

    [LoggerMessage(Level = LogLevel.Warning,
        Message = "The Cosmos DB container has no composite index for ordering by {Path} then id; such queries are now ordered in process")]
    public static partial void CompositeIndexMissing(this ILogger logger, string path);

    [LoggerMessage(Level = LogLevel.Warning,
        Message = "Cosmos DB {Operation} in {WorkspaceId} lost its answer; read back by operation {OperationId}: {Outcome}")]
    public static partial void WriteOutcomeSettled(this ILogger logger, string operation, string workspaceId, string operationId, string outcome);
}
