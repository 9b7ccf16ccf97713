namespace IncidentBot.Storage.Spool;

/// <summary>Declare spool log lines: workspace ids, incident numbers and counts; never a title or a delivery key.</summary>
internal static partial class SpoolLog
{
    [LoggerMessage(Level = LogLevel.Information, Message = "Declarations wait at {Path} while the store is unavailable; retried every {Seconds} s")]
    public static partial void Configured(this ILogger logger, string path, int seconds);

    [LoggerMessage(Level = LogLevel.Information, Message = "Stored a spooled declaration as incident {IncidentNumber} in {WorkspaceId} (repeat: {IsRepeat})")]
    public static partial void Stored(this ILogger logger, int incidentNumber, string workspaceId, bool isRepeat);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The store is still unavailable; {Count} spooled declaration(s) wait for the next try")]
    public static partial void StillUnavailable(this ILogger logger, int count, Exception exception);

    [LoggerMessage(Level = LogLevel.Warning, Message = "A spooled declaration in {WorkspaceId} is not stored yet ({Code}); it waits for the next try")]
    public static partial void NotYet(this ILogger logger, string workspaceId, string code);

    [LoggerMessage(Level = LogLevel.Warning, Message = "A spooled declaration in {WorkspaceId} failed to store (attempt kept: {Reason}); the ones behind it go on")]
    public static partial void RowFailed(this ILogger logger, string workspaceId, string reason, Exception? exception);

    [LoggerMessage(Level = LogLevel.Error,
        Message = "A spooled declaration in {WorkspaceId} failed {Attempts} times and is set aside; it stays in the spool file for an operator: {Reason}")]
    public static partial void RowSetAside(this ILogger logger, string workspaceId, int attempts, string reason);
}
