using IncidentBot.Dialogs.Clocks;

namespace IncidentBot.Dialogs.Trends;

/// <summary>How a clock counts in trends, from its state now: met in time, breached (late or unmet), or still running.</summary>
public static class TrendClocks
{
    public static (bool Met, bool Breached) Classify(Clock clock, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(clock);
        return clock.State(now) switch
        {
            ClockState.Met => (true, false),
            ClockState.MetLate or ClockState.Breached => (false, true),
            _ => (false, false),
        };
    }
}
