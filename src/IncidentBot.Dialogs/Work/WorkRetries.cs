namespace IncidentBot.Dialogs.Work;

/// <summary>
/// How a failing work item is retried: after each delay in turn (the last repeats), and set aside
/// after <see cref="MaxAttempts"/> failures, where an operator sees it and can retry it.
/// </summary>
public sealed record WorkRetries(int MaxAttempts, IReadOnlyList<TimeSpan> Delays)
{
    public static WorkRetries Default { get; } = new(10,
        [.. new[] { 1, 3, 10, 30, 60, 120, 300, 600, 900, 1800 }.Select(s => TimeSpan.FromSeconds(s))]);

    /// <param name="attempts">Failed runs so far, at least 1.</param>
    public TimeSpan DelayAfter(int attempts) =>
        Delays.Count == 0 ? TimeSpan.Zero : Delays[Math.Clamp(attempts - 1, 0, Delays.Count - 1)];
}
