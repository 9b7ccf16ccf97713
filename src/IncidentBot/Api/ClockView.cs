using System.Text.Json;
using IncidentBot.Dialogs.Clocks;
using IncidentBot.Dialogs.Incidents;

namespace IncidentBot.Api;

/// <summary>A clock as the API shows it: times for analysis of deadlines met and missed.</summary>
public sealed record ClockView(
    string Name,
    string? Title,
    string? Reference,
    TimeSpan Window,
    DateTimeOffset StartedAt,
    DateTimeOffset RecordedAt,
    string? StartedBy,
    bool IsAutomatic,
    DateTimeOffset? DeadlineAt,
    string State,
    DateTimeOffset? MetAt,
    string? MetBy,
    DateTimeOffset? BreachedAt,
    TimeSpan Paused,
    IReadOnlyList<ClockPauseView> Pauses)
{
    /// <summary>A restricted incident's clocks go through <see cref="RestrictedRedaction"/>: no title, reference or pause reason.</summary>
    public static ClockView Of(Clock clock, DateTimeOffset now, bool isRestricted) => From(isRestricted ? RestrictedRedaction.Redact(clock) : clock, now);

    private static ClockView From(Clock clock, DateTimeOffset now) => new(
        clock.Name,
        clock.Title,
        clock.Reference,
        clock.Window,
        clock.StartedAt,
        clock.RecordedAt,
        clock.StartedBy?.Value,
        clock.IsAutomatic,
        clock.DeadlineAt,
        JsonNamingPolicy.CamelCase.ConvertName(clock.State(now).ToString()),
        clock.MetAt,
        clock.MetBy?.Value,
        clock.BreachedAt,
        clock.Pauses.Aggregate(TimeSpan.Zero, (sum, p) => sum + p.Length(p.ResumedAt ?? now)),
        [.. clock.Pauses.Select(p => new ClockPauseView(p.PausedAt, p.ResumedAt, p.PausedBy?.Value))]);
}
