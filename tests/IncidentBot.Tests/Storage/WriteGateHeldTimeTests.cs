using System.Diagnostics;
using IncidentBot.Storage.Embedded;

namespace IncidentBot.Tests.Storage;

/// <summary>The gate's held time, on a timestamp the test moves: holds and hand-overs count, idle time does not.</summary>
public sealed class WriteGateHeldTimeTests
{
    private long _now = 1_000;

    private static TimeSpan Ticks(long ticks) => TimeSpan.FromSeconds(ticks / (double)Stopwatch.Frequency);

    [Fact]
    public async Task A_hold_counts_from_taking_the_gate_to_letting_it_go_and_idle_time_does_not()
    {
        using var gate = new WriteGate(() => _now);
        Assert.Equal(TimeSpan.Zero, gate.HeldTime);

        await gate.WaitAsync(urgent: true, default);
        _now += 250;
        Assert.Equal(Ticks(250), gate.HeldTime); // the current hold counts while it lasts
        gate.Release();
        _now += 10_000; // nobody writes
        await gate.WaitAsync(urgent: false, default);
        _now += 40;
        gate.Release();

        Assert.Equal(Ticks(290), gate.HeldTime);
    }

    [Fact]
    public async Task A_hand_over_to_a_waiting_writer_keeps_the_gate_held()
    {
        using var gate = new WriteGate(() => _now);
        await gate.WaitAsync(urgent: false, default);
        var next = gate.WaitAsync(urgent: true, default);
        _now += 100;

        gate.Release(); // handed to the waiter: still held
        await next;
        _now += 60;
        Assert.Equal(Ticks(160), gate.HeldTime);
        gate.Release();
        _now += 500;

        Assert.Equal(Ticks(160), gate.HeldTime);
    }
}
