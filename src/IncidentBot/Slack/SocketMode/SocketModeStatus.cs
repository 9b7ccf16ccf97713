namespace IncidentBot.Slack.SocketMode;

/// <summary>What the Socket Mode connections are doing, for <c>/readyz</c> and the tests.</summary>
public sealed class SocketModeStatus(TimeProvider clock)
{
    private readonly Lock _gate = new();
    private Slot[] _slots = [];

    /// <summary>False when Slack comes in over the request URLs (no app token).</summary>
    public bool IsEnabled { get; private set; }

    /// <summary>Connections that said hello and are open now.</summary>
    public int OpenConnections
    {
        get
        {
            lock (_gate)
                return _slots.Count(s => s.State is SocketModeSlotState.Open or SocketModeSlotState.Replacing);
        }
    }

    public int WantedConnections
    {
        get
        {
            lock (_gate)
                return _slots.Length;
        }
    }

    /// <summary>Connections opened since start-up, reconnections included.</summary>
    public int Opened { get; private set; }

    /// <summary>One line per connection: "1: open since …", "2: reconnecting in 4 s after 3 failures (dropped)".</summary>
    public IReadOnlyList<string> Describe()
    {
        lock (_gate)
            return [.. _slots.Select((s, i) => $"{i + 1}: {Describe(s)}")];
    }

    internal void Start(int connections)
    {
        lock (_gate)
        {
            IsEnabled = true;
            _slots = [.. Enumerable.Range(0, connections).Select(_ => new Slot())];
        }
    }

    internal void Connecting(int slot) => Set(slot, s => s.State = s.State == SocketModeSlotState.Replacing ? s.State : SocketModeSlotState.Connecting);

    internal void Open(int slot) => Set(slot, s =>
    {
        s.State = SocketModeSlotState.Open;
        s.Since = clock.GetUtcNow();
        s.Failures = 0;
        Opened++;
    });

    internal void Replacing(int slot, string reason) => Set(slot, s =>
    {
        s.State = SocketModeSlotState.Replacing;
        s.LastReason = reason;
    });

    internal void WaitingToReconnect(int slot, int failures, TimeSpan delay, string reason) => Set(slot, s =>
    {
        s.State = SocketModeSlotState.WaitingToReconnect;
        s.Failures = failures;
        s.Since = clock.GetUtcNow() + delay;
        s.LastReason = reason;
    });

    private void Set(int slot, Action<Slot> change)
    {
        lock (_gate)
            change(_slots[slot]);
    }

    private static string Describe(Slot slot) => slot.State switch
    {
        SocketModeSlotState.Open => $"open since {slot.Since:O}",
        SocketModeSlotState.Replacing => $"open, being replaced ({slot.LastReason})",
        SocketModeSlotState.WaitingToReconnect => $"reconnecting at {slot.Since:O} after {slot.Failures} failure(s) ({slot.LastReason})",
        _ => "connecting",
    };

    private sealed class Slot
    {
        public SocketModeSlotState State { get; set; } = SocketModeSlotState.Connecting;

        public DateTimeOffset Since { get; set; }

        public int Failures { get; set; }

        public string LastReason { get; set; } = "";
    }
}
