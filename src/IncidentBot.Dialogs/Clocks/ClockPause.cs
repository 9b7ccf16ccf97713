using IncidentBot.Dialogs.Incidents;

namespace IncidentBot.Dialogs.Clocks;

/// <summary>A stretch of time the clock did not run (an unclear order being clarified).</summary>
public sealed record ClockPause
{
    public required DateTimeOffset PausedAt { get; init; }

    public UserId? PausedBy { get; init; }

    public string? Reason { get; init; }

    public DateTimeOffset? ResumedAt { get; init; }

    public UserId? ResumedBy { get; init; }

    public TimeSpan Length(DateTimeOffset now) => (ResumedAt ?? now) - PausedAt;
}
