namespace IncidentBot.Api;

public sealed record ClockPauseView(DateTimeOffset PausedAt, DateTimeOffset? ResumedAt, string? PausedBy);
