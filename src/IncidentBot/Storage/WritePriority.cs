namespace IncidentBot.Storage;

/// <summary>
/// Marks the writes made while a person waits for the bot's answer (a Slack acknowledgement, a
/// Teams reply, a single intake report or e-mailed order; not an intake batch). It flows with the request's async calls; the embedded store lets such writes
/// go before background jobs' writes. Other stores ignore it.
/// </summary>
public static class WritePriority
{
    private static readonly AsyncLocal<bool> Urgent = new();

    public static bool IsUrgent => Urgent.Value;

    /// <summary>Everything awaited from here until the scope is disposed writes as urgent.</summary>
    public static IDisposable Acknowledging()
    {
        var previous = Urgent.Value;
        Urgent.Value = true;
        return new Scope(previous);
    }

    private sealed class Scope(bool previous) : IDisposable
    {
        public void Dispose() => Urgent.Value = previous;
    }
}
