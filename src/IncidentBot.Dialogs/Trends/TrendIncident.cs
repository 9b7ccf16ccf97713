using IncidentBot.Dialogs.Incidents;

namespace IncidentBot.Dialogs.Trends;

/// <summary>What a trend needs of one incident: its keys and its lifecycle times, nothing people wrote.</summary>
public sealed record TrendIncident
{
    public required int Number { get; init; }

    public required IncidentSource Source { get; init; }

    public required Severity Severity { get; init; }

    public IReadOnlyList<string> Markets { get; init; } = [];

    public IReadOnlyList<string> Languages { get; init; } = [];

    public string? Lead { get; init; }

    public required DateTimeOffset DeclaredAt { get; init; }

    public DateTimeOffset? FirstReportAt { get; init; }

    public DateTimeOffset? AcknowledgedAt { get; init; }

    public DateTimeOffset? MitigatedAt { get; init; }

    public DateTimeOffset? ResolvedAt { get; init; }

    public int ReportCount { get; init; }

    /// <summary>Time to acknowledge, to mitigate and to resolve count from here.</summary>
    public DateTimeOffset StartedAt => FirstReportAt ?? DeclaredAt;

    /// <summary>Whole seconds from the start to <paramref name="end"/> (never negative); null without an end.</summary>
    public long? SecondsTo(DateTimeOffset? end) =>
        end is { } at ? Math.Max(0, (long)Math.Round((at - StartedAt).TotalSeconds, MidpointRounding.AwayFromZero)) : null;

    /// <summary>The earlier of two moments, either of which may be missing.</summary>
    public static DateTimeOffset? Earliest(DateTimeOffset? a, DateTimeOffset? b) =>
        a is null ? b : b is null ? a : (a < b ? a : b);
}
