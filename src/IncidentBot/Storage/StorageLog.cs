using Microsoft.Extensions.Logging;

namespace IncidentBot.Storage;

/// <summary>Storage log lines: ids, counts and the file path only, never a document body.</summary>
internal static partial class StorageLog
{
    [LoggerMessage(Level = LogLevel.Information, Message = "Embedded store open at {Path} (schema {SchemaVersion}; SQLite's allocation counts off: {MemoryStatisticsOff}; log written a transaction at a time: {LogWritesCoalesced})")]
    public static partial void EmbeddedStoreOpened(this ILogger logger, string path, int schemaVersion, bool memoryStatisticsOff, bool logWritesCoalesced);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Purged {Count} expired documents from the embedded store")]
    public static partial void ExpiredDocumentsPurged(this ILogger logger, int count);

    [LoggerMessage(Level = LogLevel.Debug, Message = "{Operation} of {DocumentId} in {WorkspaceId} lost a race (already exists: {AlreadyExists})")]
    public static partial void WriteConflict(this ILogger logger, string operation, string documentId, string workspaceId, bool alreadyExists);

    [LoggerMessage(Level = LogLevel.Error, Message = "Embedded store unavailable during {Operation} (document {DocumentId} in {WorkspaceId}), SQLite error {SqliteErrorCode}")]
    public static partial void StoreUnavailable(this ILogger logger, string operation, string? documentId, string? workspaceId, int sqliteErrorCode, Exception exception);

    [LoggerMessage(Level = LogLevel.Warning, Message = "A transaction of {Count} commits failed in the embedded store; each is written again alone")]
    public static partial void CommitGroupFailed(this ILogger logger, int count, Exception exception);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Background checkpoint of the embedded store failed; the next one retries")]
    public static partial void CheckpointFailed(this ILogger logger, Exception exception);
}
