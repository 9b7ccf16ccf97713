using IncidentBot.Dialogs.Incidents;
using IncidentBot.Dialogs.Intake;

namespace IncidentBot.Api;

/// <summary>
/// An incident as the API shows it. A restricted incident keeps its numbers and times (trend
/// analysis needs them) but not its title, description or resolution.
/// </summary>
public sealed record IncidentView(
    string Key,
    int Number,
    string WorkspaceId,
    string? Title,
    string? Description,
    string Severity,
    string Status,
    string Source,
    IReadOnlyList<string> Markets,
    IReadOnlyList<string> Languages,
    bool IsRestricted,
    string Reporter,
    string? Lead,
    string? Comms,
    string? Scribe,
    string? Channel,
    DateTimeOffset DeclaredAt,
    DateTimeOffset? AcknowledgedAt,
    DateTimeOffset? MitigatedAt,
    DateTimeOffset? ResolvedAt,
    DateTimeOffset? ClosedAt,
    DateTimeOffset? CancelledAt,
    string? ResolutionSummary,
    IReadOnlyList<TimelineEventView>? Timeline,
    IReadOnlyList<ClockView>? Clocks = null,
    int ReportCount = 0,
    DateTimeOffset? FirstReportAt = null,
    DateTimeOffset? LastReportAt = null,
    IReadOnlyList<string>? ReportSources = null,
    RegulatorOrder? Order = null)
{
    public static IncidentView From(Incident incident, IReadOnlyList<TimelineEventView>? timeline = null, IReadOnlyList<ClockView>? clocks = null) =>
        Of(RestrictedRedaction.Shown(incident), timeline, clocks);

    private static IncidentView Of(Incident incident, IReadOnlyList<TimelineEventView>? timeline, IReadOnlyList<ClockView>? clocks) => new(
        incident.Key.Key,
        incident.Number,
        incident.WorkspaceId,
        incident.IsRestricted ? null : incident.Title, // withheld: null rather than a placeholder a client might show as a title
        incident.Description,
        incident.Severity.Label(),
        IncidentLifecycle.Name(incident.Status),
        incident.Source.Name(),
        incident.Markets,
        incident.Languages,
        incident.IsRestricted,
        incident.Reporter.Value,
        incident.Roles.Lead?.Value,
        incident.Roles.Comms?.Value,
        incident.Roles.Scribe?.Value,
        incident.Channel?.Value,
        incident.DeclaredAt,
        incident.AcknowledgedAt,
        incident.MitigatedAt,
        incident.ResolvedAt,
        incident.ClosedAt,
        incident.CancelledAt,
        incident.ResolutionSummary,
        timeline,
        clocks,
        incident.ReportCount,
        incident.FirstReportAt,
        incident.LastReportAt,
        incident.ReportSources,
        incident.IsRestricted ? null : incident.Order);
}
