using IncidentBot.Dialogs.Incidents;

namespace IncidentBot.Dialogs.Trends;

/// <summary>
/// An incident as exported, with its clocks met and breached by now: the record's fields, never what
/// people wrote beyond the title, and the title withheld when the incident is restricted (exports are
/// read outside the incident's channel, so nobody reading one is a member).
/// </summary>
public sealed record IncidentExportRow
{
    public required int Number { get; init; }

    /// <summary>The title, or <see cref="TrendRedaction.Withheld"/> for a restricted incident.</summary>
    public required string Title { get; init; }

    public required bool IsRestricted { get; init; }

    public required Severity Severity { get; init; }

    public required IncidentStatus Status { get; init; }

    public required IncidentSource Source { get; init; }

    public IReadOnlyList<string> Markets { get; init; } = [];

    public IReadOnlyList<string> Languages { get; init; } = [];

    public required DateTimeOffset DeclaredAt { get; init; }

    public DateTimeOffset? AcknowledgedAt { get; init; }

    public DateTimeOffset? MitigatedAt { get; init; }

    public DateTimeOffset? ResolvedAt { get; init; }

    public DateTimeOffset? ClosedAt { get; init; }

    public string? Lead { get; init; }

    public int ReportCount { get; init; }

    public int ClocksMet { get; init; }

    public int ClocksBreached { get; init; }

    /// <summary>The row of a stored incident, redacted as <see cref="TrendRedaction"/> says for a reader who is no member.</summary>
    public static IncidentExportRow From(Incident incident, int clocksMet, int clocksBreached)
    {
        var shown = TrendRedaction.Shown(incident, viewer: null);
        return new IncidentExportRow
        {
            Number = shown.Number,
            Title = shown.Title,
            IsRestricted = shown.IsRestricted,
            Severity = shown.Severity,
            Status = shown.Status,
            Source = shown.Source,
            Markets = shown.Markets,
            Languages = shown.Languages,
            DeclaredAt = shown.DeclaredAt,
            AcknowledgedAt = shown.AcknowledgedAt,
            MitigatedAt = shown.MitigatedAt,
            ResolvedAt = shown.ResolvedAt,
            ClosedAt = shown.ClosedAt,
            Lead = shown.Roles.Lead?.Value,
            ReportCount = shown.ReportCount,
            ClocksMet = clocksMet,
            ClocksBreached = clocksBreached,
        };
    }
}
