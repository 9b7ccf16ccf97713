using IncidentBot.Dialogs.Incidents;
using Microsoft.Extensions.Logging;

namespace IncidentBot.Dialogs.Paging;

/// <summary>Paging's log lines: ids only, never names, e-mail addresses or incident titles.</summary>
internal static partial class PagingLog
{
    [LoggerMessage(Level = LogLevel.Information, Message = "Paged policy {PolicyId} for incident {IncidentNumber} in {WorkspaceId}: page {PageId}")]
    public static partial void Paged(this ILogger logger, WorkspaceId workspaceId, int incidentNumber, string pageId, string policyId);

    [LoggerMessage(Level = LogLevel.Information, Message = "Sent page {PageId} of incident {IncidentNumber} in {WorkspaceId} to {UserId}")]
    public static partial void PageSent(this ILogger logger, WorkspaceId workspaceId, int incidentNumber, string pageId, string userId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Page {PageId} of incident {IncidentNumber} in {WorkspaceId} could not reach {Count} people of its step")]
    public static partial void Unreachable(this ILogger logger, WorkspaceId workspaceId, int incidentNumber, string pageId, int count);

    [LoggerMessage(Level = LogLevel.Information, Message = "Page {PageId} of incident {IncidentNumber} in {WorkspaceId} acknowledged by {UserId}")]
    public static partial void PageAcknowledged(this ILogger logger, WorkspaceId workspaceId, int incidentNumber, string pageId, string userId);

    [LoggerMessage(Level = LogLevel.Information, Message = "Page {PageId} of incident {IncidentNumber} in {WorkspaceId} escalated to {NextPageId}")]
    public static partial void PageEscalated(this ILogger logger, WorkspaceId workspaceId, int incidentNumber, string pageId, string nextPageId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Page {PageId} of incident {IncidentNumber} in {WorkspaceId} exhausted its policy without an acknowledgement")]
    public static partial void PageExhausted(this ILogger logger, WorkspaceId workspaceId, int incidentNumber, string pageId);

    [LoggerMessage(Level = LogLevel.Information, Message = "Page {PageId} of incident {IncidentNumber} in {WorkspaceId} cancelled: the incident is no longer open")]
    public static partial void PageCancelled(this ILogger logger, WorkspaceId workspaceId, int incidentNumber, string pageId);

    [LoggerMessage(Level = LogLevel.Information, Message = "{UserId} asked to escalate page {PageId} of incident {IncidentNumber} in {WorkspaceId} now")]
    public static partial void EscalationRequested(this ILogger logger, WorkspaceId workspaceId, int incidentNumber, string pageId, string userId);

    [LoggerMessage(Level = LogLevel.Information, Message = "{UserId} declined page {PageId} of incident {IncidentNumber} in {WorkspaceId}")]
    public static partial void PageDeclined(this ILogger logger, WorkspaceId workspaceId, int incidentNumber, string pageId, string userId);

    [LoggerMessage(Level = LogLevel.Information, Message = "Handoff of rotation {RotationId} in {WorkspaceId} announced to {UserId} with {Count} open incidents")]
    public static partial void HandoffNotified(this ILogger logger, WorkspaceId workspaceId, string rotationId, string userId, int count);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Handoff of rotation {RotationId} in {WorkspaceId}: the incoming person has no chat account")]
    public static partial void HandoffUnreachable(this ILogger logger, WorkspaceId workspaceId, string rotationId);

    [LoggerMessage(Level = LogLevel.Warning,
        Message = "The page DM of {PageId} (INC-{IncidentNumber} in {WorkspaceId}) could not be sent; its claim is released for the retry")]
    public static partial void PageSendFailed(this ILogger logger, WorkspaceId workspaceId, int incidentNumber, string pageId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Refused an override of rotation {RotationId} in {WorkspaceId} by {UserId}: neither a member of its team nor an on-call admin")]
    public static partial void OverrideRefused(this ILogger logger, WorkspaceId workspaceId, string rotationId, string userId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Refused {ActionId} on page {PageId} of incident {IncidentNumber} in {WorkspaceId} by {UserId}: {Reason}")]
    public static partial void PressRefused(this ILogger logger, WorkspaceId workspaceId, int incidentNumber, string pageId, string userId, string actionId, string reason);

    [LoggerMessage(Level = LogLevel.Information, Message = "On-call admin {UserId} answered page {PageId} of incident {IncidentNumber} in {WorkspaceId} for the people it paged")]
    public static partial void AdminAnswered(this ILogger logger, WorkspaceId workspaceId, int incidentNumber, string pageId, string userId);
}
