using IncidentBot.Dialogs.Incidents;
using Microsoft.Extensions.Logging;

namespace IncidentBot.Dialogs.Intake;

internal static partial class IntakeLog
{
    [LoggerMessage(Level = LogLevel.Information, Message = "Report {ReportId} in {WorkspaceId} from {Source} recorded on incident {IncidentNumber} (merged: {IsMerged})")]
    public static partial void Recorded(this ILogger logger, string reportId, WorkspaceId workspaceId, string source, int incidentNumber, bool isMerged);

    [LoggerMessage(Level = LogLevel.Information, Message = "Report from {Source} opened incident {IncidentNumber} in {WorkspaceId} at {Severity}")]
    public static partial void Opened(this ILogger logger, int incidentNumber, WorkspaceId workspaceId, string source, Incidents.Severity severity);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Report {ReportId} in {WorkspaceId} could not join incident {IncidentNumber} ({Reason}); looking again")]
    public static partial void JoinRetried(this ILogger logger, string reportId, WorkspaceId workspaceId, int incidentNumber, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Report {ReportId} in {WorkspaceId} found no stable incident after {Rounds} rounds; refused for the sender to retry")]
    public static partial void GaveUp(this ILogger logger, string reportId, WorkspaceId workspaceId, int rounds);

    [LoggerMessage(Level = LogLevel.Information, Message = "A trusted flagger's report raised incident {IncidentNumber} in {WorkspaceId} to {Severity}")]
    public static partial void RaisedByTrustedFlagger(this ILogger logger, int incidentNumber, WorkspaceId workspaceId, Incidents.Severity severity);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The order clock {ClockName} of incident {IncidentNumber} in {WorkspaceId} was not started: {Reason}")]
    public static partial void OrderClockRefused(this ILogger logger, int incidentNumber, WorkspaceId workspaceId, string clockName, string reason);

    [LoggerMessage(Level = LogLevel.Information, Message = "Digest of {Reports} new reports posted for incident {IncidentNumber} in {WorkspaceId} (proposes {Proposes})")]
    public static partial void DigestPosted(this ILogger logger, int incidentNumber, WorkspaceId workspaceId, int reports, Incidents.Severity? proposes);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The digest of incident {IncidentNumber} in {WorkspaceId} was not sent; it stays owed and its own job retries it")]
    public static partial void DigestNotSent(this ILogger logger, Exception exception, int incidentNumber, WorkspaceId workspaceId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The pinned summary of incident {IncidentNumber} in {WorkspaceId} was not updated with its digest; a channel sync will")]
    public static partial void DigestSummaryNotUpdated(this ILogger logger, Exception exception, int incidentNumber, WorkspaceId workspaceId);

    [LoggerMessage(Level = LogLevel.Information, Message = "Report {ReportId} in {WorkspaceId} acknowledged in chat (reaction {Reacted}, reply {Replied})")]
    public static partial void Acknowledged(this ILogger logger, string reportId, WorkspaceId workspaceId, bool reacted, bool replied);

    [LoggerMessage(Level = LogLevel.Information, Message = "Incident {IncidentNumber} in {WorkspaceId} raised to {Severity} from the digest's proposal by {UserId}")]
    public static partial void RaisedFromProposal(this ILogger logger, int incidentNumber, WorkspaceId workspaceId, Incidents.Severity severity, string userId);

    [LoggerMessage(Level = LogLevel.Error, Message = "Report {ReportId} in {WorkspaceId} is stored but its attachment chunk {ChunkId} is gone: that content is lost")]
    public static partial void AttachmentChunkMissing(this ILogger logger, string workspaceId, string reportId, string chunkId);
}
