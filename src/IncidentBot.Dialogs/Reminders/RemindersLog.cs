using IncidentBot.Dialogs.Incidents;
using Microsoft.Extensions.Logging;

namespace IncidentBot.Dialogs.Reminders;

internal static partial class RemindersLog
{
    [LoggerMessage(Level = LogLevel.Information, Message = "Sent reminder {Key} of {DocumentId} in {WorkspaceId} ({Skipped} earlier skipped)")]
    public static partial void ReminderSent(this ILogger logger, string documentId, WorkspaceId workspaceId, string key, int skipped);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Sending reminder {Key} of {DocumentId} in {WorkspaceId} failed; the claim is released for the retry")]
    public static partial void SendFailed(this ILogger logger, string documentId, WorkspaceId workspaceId, string key);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Incident {IncidentNumber} in {WorkspaceId} has no channel yet; reminder {Kind} waits")]
    public static partial void WaitingForChannel(this ILogger logger, int incidentNumber, WorkspaceId workspaceId, string kind);
}
