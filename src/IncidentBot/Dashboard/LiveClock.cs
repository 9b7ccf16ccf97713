using IncidentBot.Dialogs.Clocks;
using IncidentBot.Dialogs.Trends;

namespace IncidentBot.Dashboard;

/// <summary>A clock as the dashboard shows it: its state and the time left (negative once breached).</summary>
public sealed record LiveClock(string Name, ClockState State, TimeSpan Remaining, DateTimeOffset? DeadlineAt)
{
    public static LiveClock Of(Clock clock, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(clock);
        return new(clock.Name, clock.State(now), clock.Remaining(now), clock.DeadlineAt);
    }

    public string StateName => State switch
    {
        ClockState.MetLate => "met late",
        _ => State.ToString().ToLowerInvariant(),
    };

    /// <summary><c>42m left</c>, <c>breached 1h 5m ago</c>, or the state once it is over.</summary>
    public string Left => State switch
    {
        ClockState.Running or ClockState.Paused when Remaining > TimeSpan.Zero => TrendCharts.Duration((long)Remaining.TotalSeconds) + " left",
        ClockState.Breached => "breached " + TrendCharts.Duration((long)(-Remaining).TotalSeconds) + " ago",
        _ => StateName,
    };
}
