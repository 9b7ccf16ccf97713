using IncidentBot.Dialogs.Incidents;
using Microsoft.Extensions.Logging;

namespace IncidentBot.Dialogs.Clocks;

internal static partial class ClocksLog
{
    [LoggerMessage(Level = LogLevel.Information, Message = "Clock {ClockName} alert {AlertKey} for incident {IncidentNumber} in {WorkspaceId} (paged: {Paged})")]
    public static partial void ClockAlerted(this ILogger logger, string clockName, string alertKey, int incidentNumber, WorkspaceId workspaceId, bool paged);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Clock {ClockName} of incident {IncidentNumber} in {WorkspaceId} breached")]
    public static partial void ClockBreached(this ILogger logger, string clockName, int incidentNumber, WorkspaceId workspaceId);

    [LoggerMessage(Level = LogLevel.Information, Message = "Started {Count} clocks by policy for incident {IncidentNumber} in {WorkspaceId}")]
    public static partial void AutoStarted(this ILogger logger, int count, int incidentNumber, WorkspaceId workspaceId);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Incident {IncidentNumber} in {WorkspaceId} has no channel yet; {Kind} waits")]
    public static partial void WaitingForChannel(this ILogger logger, int incidentNumber, WorkspaceId workspaceId, string kind);
}
