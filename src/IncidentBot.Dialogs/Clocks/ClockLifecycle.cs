using IncidentBot.Dialogs.Incidents;
using IncidentBot.Dialogs.Platform;
using IncidentBot.Dialogs.Time;

namespace IncidentBot.Dialogs.Clocks;

/// <summary>
/// What may happen to a clock and when: the one place that says so. Pure functions that
/// return the changed clock or the reason the change is refused.
/// </summary>
public static class ClockLifecycle
{
    /// <summary>How far in the past an order may have been received and still get a clock.</summary>
    public static readonly TimeSpan MaxAge = TimeSpan.FromDays(30);

    /// <summary>Clock skew allowed between the person's device and the bot for a received-at time.</summary>
    public static readonly TimeSpan FutureTolerance = TimeSpan.FromMinutes(1);

    public static Result<Clock> Start(
        Incident incident, string name, TimeSpan window, DateTimeOffset startedAt, UserId? by, DateTimeOffset now,
        ClockDefinition? definition, IReadOnlyList<double> warningPoints, bool isAutomatic)
    {
        var check = CheckStart(name, window, startedAt, now);
        if (check is not null)
            return check;
        return new Clock
        {
            WorkspaceId = incident.WorkspaceId,
            IncidentNumber = incident.Number,
            Name = name,
            Title = definition?.Title,
            Reference = definition?.Reference,
            Window = window,
            StartedAt = startedAt,
            RecordedAt = now,
            StartedBy = by,
            IsAutomatic = isAutomatic,
            // Ad-hoc clocks may be paused; a clock of the rules only where its definition allows it.
            IsPausable = definition?.IsPausable ?? true,
            WarningPoints = warningPoints,
        };
    }

    /// <summary>Starts a running or paused clock again: a corrected receipt time or window. Earlier alerts are forgotten.</summary>
    public static Result<Clock> Restart(Clock clock, TimeSpan window, DateTimeOffset startedAt, UserId? by, DateTimeOffset now)
    {
        if (clock.MetAt is { } met)
            return new UserError("clock_met", $"Clock {RichText.Code(clock.Name)} was already met at {RichText.LocalTime(met)}; start a clock with another name for a new deadline.");
        var check = CheckStart(clock.Name, window, startedAt, now);
        if (check is not null)
            return check;
        return clock with
        {
            Window = window,
            StartedAt = startedAt,
            RecordedAt = now,
            StartedBy = by,
            IsAutomatic = false,
            Pauses = [],
            BreachedAt = null,
            Generation = clock.Generation + 1,
            Deliveries = [],
        };
    }

    public static Result<Clock> Pause(Clock clock, UserId by, string? reason, DateTimeOffset now)
    {
        if (!clock.IsPausable)
        {
            return new UserError("not_pausable",
                $"Clock {RichText.Code(clock.Name)} cannot be paused: its rule has no pause{(clock.Reference is null ? "" : $" ({clock.Reference})")}.");
        }
        switch (clock.State(now))
        {
            case ClockState.Met or ClockState.MetLate:
                return new UserError("clock_met", $"Clock {RichText.Code(clock.Name)} was met at {RichText.LocalTime(clock.MetAt!.Value)}; there is nothing to pause.");
            case ClockState.Breached:
                return new UserError("clock_breached", $"Clock {RichText.Code(clock.Name)} already ran out at {RichText.LocalTime(clock.DeadlineAt!.Value)}; pausing it now changes nothing.");
            case ClockState.Paused:
                return new UserError("no_change", $"Clock {RichText.Code(clock.Name)} is already paused.");
        }
        return clock with { Pauses = [.. clock.Pauses, new ClockPause { PausedAt = now, PausedBy = by, Reason = reason }] };
    }

    public static Result<Clock> Resume(Clock clock, UserId by, DateTimeOffset now)
    {
        if (!clock.IsPaused || clock.MetAt is not null)
            return new UserError("no_change", $"Clock {RichText.Code(clock.Name)} is not paused.");
        return clock with { Pauses = [.. clock.Pauses.SkipLast(1), clock.Pauses[^1] with { ResumedAt = now, ResumedBy = by }] };
    }

    public static Result<Clock> Meet(Clock clock, UserId by, DateTimeOffset now)
    {
        if (clock.MetAt is { } met)
            return new UserError("no_change", $"Clock {RichText.Code(clock.Name)} was already met at {RichText.LocalTime(met)}.");
        // Met while paused (complied during the clarification): the pause ends there.
        var pauses = clock.IsPaused ? [.. clock.Pauses.SkipLast(1), clock.Pauses[^1] with { ResumedAt = now, ResumedBy = by }] : clock.Pauses;
        var deadline = clock.StartedAt + clock.Window + pauses.Aggregate(TimeSpan.Zero, (sum, p) => sum + p.Length(p.ResumedAt ?? now));
        return clock with
        {
            Pauses = pauses,
            MetAt = now,
            MetBy = by,
            BreachedAt = clock.BreachedAt ?? (now > deadline ? deadline : null),
        };
    }

    /// <summary>The breach alert went out: record when the window ended.</summary>
    public static Clock RecordBreach(Clock clock) =>
        clock.BreachedAt is not null || clock.DeadlineAt is not { } deadline ? clock : clock with { BreachedAt = deadline };

    private static UserError? CheckStart(string name, TimeSpan window, DateTimeOffset startedAt, DateTimeOffset now)
    {
        if (window < ClockRules.MinWindow || window > ClockRules.MaxWindow)
        {
            return new UserError("bad_duration",
                $"A window of {DurationText.Format(window)} is outside what a clock can keep ({DurationText.Format(ClockRules.MinWindow)} to {DurationText.Format(ClockRules.MaxWindow)}).");
        }
        if (startedAt > now + FutureTolerance)
            return new UserError("bad_time", $"Clock {RichText.Code(name)} cannot start in the future ({RichText.LocalTime(startedAt)}): give the time the order was received.");
        if (now - startedAt > MaxAge)
            return new UserError("bad_time", $"{RichText.LocalTime(startedAt)} is more than {MaxAge.Days} days ago; check the date of receipt.");
        return null;
    }
}
