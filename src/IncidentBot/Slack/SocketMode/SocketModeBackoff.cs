namespace IncidentBot.Slack.SocketMode;

/// <summary>How long to wait before the next attempt to connect: 1 s, doubling to at most 30 s.</summary>
public static class SocketModeBackoff
{
    public static readonly TimeSpan First = TimeSpan.FromSeconds(1);

    public static readonly TimeSpan Longest = TimeSpan.FromSeconds(30);

    /// <param name="failures">Failed attempts so far, at least 1.</param>
    public static TimeSpan After(int failures) =>
        failures >= 6 ? Longest : TimeSpan.FromTicks(Math.Min(Longest.Ticks, First.Ticks << Math.Max(0, failures - 1)));
}
