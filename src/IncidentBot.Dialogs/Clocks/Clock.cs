using System.Globalization;
using System.Text.Json.Serialization;
using IncidentBot.Dialogs.Incidents;
using IncidentBot.Dialogs.Reminders;
using IncidentBot.Dialogs.Storage;

namespace IncidentBot.Dialogs.Clocks;

/// <summary>
/// A deadline on an incident, stored as its own document: when the order was received, the
/// window, pauses, and when it was met or breached. Its warnings and breach alert are
/// reminders of this document, so each is sent once. Change it through <see cref="ClockLifecycle"/>.
/// </summary>
public sealed record Clock : IRemindable<Clock>
{
    public const string DocumentType = "clock";

    /// <summary>The properties clocks are queried by.</summary>
    public static class Paths
    {
        public static readonly DocumentPath IncidentNumber = DocumentPath.Of<Clock>(nameof(Clock.IncidentNumber));
    }

    public string Id => IdFor(IncidentNumber, Name);

    public required string WorkspaceId { get; init; }

    public string Type => DocumentType;

    public required int IncidentNumber { get; init; }

    public required string Name { get; init; }

    public string? Title { get; init; }

    public string? Reference { get; init; }

    public required TimeSpan Window { get; init; }

    /// <summary>When the order or report was received: the clock runs from here, which may be before the declaration.</summary>
    public required DateTimeOffset StartedAt { get; init; }

    /// <summary>When the bot was told (the command, or the declaration for an automatic clock).</summary>
    public required DateTimeOffset RecordedAt { get; init; }

    public UserId? StartedBy { get; init; }

    public bool IsAutomatic { get; init; }

    public bool IsPausable { get; init; } = true;

    /// <summary>Fractions of the window at which the channel is warned, ascending; the last also pages the lead.</summary>
    public IReadOnlyList<double> WarningPoints { get; init; } = ClockRules.DefaultWarningPoints;

    public IReadOnlyList<ClockPause> Pauses { get; init; } = [];

    public DateTimeOffset? MetAt { get; init; }

    public UserId? MetBy { get; init; }

    /// <summary>The end of the window, recorded once the breach alert went out.</summary>
    public DateTimeOffset? BreachedAt { get; init; }

    /// <summary>Goes up when the clock is started again (corrected receipt time or window); alerts and pages are per generation.</summary>
    public int Generation { get; init; } = 1;

    public IReadOnlyList<SentReminder> Deliveries { get; init; } = [];

    public bool IsPaused => Pauses.Count > 0 && Pauses[^1].ResumedAt is null;

    /// <summary>The end of the window; null while paused (it moves).</summary>
    public DateTimeOffset? DeadlineAt => IsPaused && MetAt is null ? null : StartedAt + Window + ClosedPauses;

    [JsonIgnore]
    public TimeSpan ClosedPauses => Pauses.Where(p => p.ResumedAt is not null).Aggregate(TimeSpan.Zero, (sum, p) => sum + p.Length(p.ResumedAt!.Value));

    public Clock WithDeliveries(IReadOnlyList<SentReminder> deliveries) => this with { Deliveries = deliveries };

    public static string IdFor(int incidentNumber, string name) =>
        string.Create(CultureInfo.InvariantCulture, $"clock-{incidentNumber}-{name}");

    /// <summary>Time the clock has run by <paramref name="now"/> (up to when it was met), pauses excluded.</summary>
    public TimeSpan Elapsed(DateTimeOffset now)
    {
        var end = MetAt ?? now;
        var paused = Pauses.Aggregate(TimeSpan.Zero, (sum, p) => sum + Overlap(p, end));
        var elapsed = end - StartedAt - paused;
        return elapsed < TimeSpan.Zero ? TimeSpan.Zero : elapsed;
    }

    /// <summary>Negative once the window has ended.</summary>
    public TimeSpan Remaining(DateTimeOffset now) => Window - Elapsed(now);

    public ClockState State(DateTimeOffset now)
    {
        if (MetAt is not null)
            return Elapsed(MetAt.Value) > Window ? ClockState.MetLate : ClockState.Met;
        if (BreachedAt is not null || Remaining(now) <= TimeSpan.Zero)
            return ClockState.Breached;
        return IsPaused ? ClockState.Paused : ClockState.Running;
    }

    /// <summary>When the clock reaches this fraction of its window, if it keeps running from now.</summary>
    public DateTimeOffset InstantOf(double fraction) => StartedAt + ClosedPauses + Window * fraction;

    /// <summary>The warnings and the breach alert, in time order (meaningful while running).</summary>
    public IEnumerable<PlannedReminder> Alerts()
    {
        foreach (var point in WarningPoints.Order())
            yield return new PlannedReminder(WarningKey(point), InstantOf(point));
        yield return new PlannedReminder(BreachKey, InstantOf(1));
    }

    [JsonIgnore]
    public string BreachKey => string.Create(CultureInfo.InvariantCulture, $"g{Generation}-breach");

    public string WarningKey(double point) =>
        string.Create(CultureInfo.InvariantCulture, $"g{Generation}-w{Math.Round(point * 100, 1):0.#}");

    public bool IsLastWarning(string key) => WarningPoints.Count > 0 && key == WarningKey(WarningPoints.Max());

    private TimeSpan Overlap(ClockPause pause, DateTimeOffset end)
    {
        var from = pause.PausedAt < StartedAt ? StartedAt : pause.PausedAt;
        var to = pause.ResumedAt is { } resumed && resumed < end ? resumed : end;
        return to > from ? to - from : TimeSpan.Zero;
    }
}
