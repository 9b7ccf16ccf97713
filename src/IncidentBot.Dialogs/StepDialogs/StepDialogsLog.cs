using IncidentBot.Dialogs.Incidents;
using Microsoft.Extensions.Logging;

namespace IncidentBot.Dialogs.StepDialogs;

internal static partial class StepDialogsLog
{
    [LoggerMessage(EventId = 7013, Level = LogLevel.Information, Message = "Teams dialog {Dialog} in {WorkspaceId} for {UserId}: {Outcome}")]
    public static partial void Dialog(this ILogger logger, string dialog, WorkspaceId workspaceId, string userId, string outcome);
}
