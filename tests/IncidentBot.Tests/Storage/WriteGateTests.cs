using IncidentBot.Storage;
using IncidentBot.Storage.Embedded;

namespace IncidentBot.Tests.Storage;

public sealed class WriteGateTests
{
    [Fact]
    public async Task A_waiting_acknowledgement_write_goes_before_waiting_background_writes()
    {
        using var gate = new WriteGate();
        await gate.WaitAsync(urgent: false, default);
        var order = new List<string>();
        var background = Enumerable.Range(0, 3).Select(i => Next(gate, urgent: false, $"background {i}", order)).ToList();
        var urgent = Next(gate, urgent: true, "urgent", order);

        gate.Release();
        await Task.WhenAll([.. background, urgent]);

        Assert.Equal(["urgent", "background 0", "background 1", "background 2"], order);
    }

    [Fact]
    public async Task Background_writes_get_a_turn_after_a_run_of_urgent_ones()
    {
        using var gate = new WriteGate();
        await gate.WaitAsync(urgent: false, default);
        var order = new List<string>();
        var background = Next(gate, urgent: false, "background", order);
        var urgent = Enumerable.Range(0, WriteGate.MaxUrgentInARow + 2).Select(i => Next(gate, urgent: true, $"urgent {i}", order)).ToList();

        gate.Release();
        await Task.WhenAll([background, .. urgent]);

        Assert.Equal("background", order[WriteGate.MaxUrgentInARow]);
        Assert.Equal(WriteGate.MaxUrgentInARow + 3, order.Count);
    }

    [Fact]
    public async Task A_cancelled_waiter_is_skipped_and_the_gate_passes_to_the_next()
    {
        using var gate = new WriteGate();
        await gate.WaitAsync(urgent: false, default);
        using var cancel = new CancellationTokenSource();
        var cancelled = gate.WaitAsync(urgent: true, cancel.Token);
        var next = gate.WaitAsync(urgent: false, default);

        await cancel.CancelAsync();
        gate.Release();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => cancelled);
        await next.WaitAsync(TimeSpan.FromSeconds(10));
        gate.Release();
        await gate.WaitAsync(urgent: false, default).WaitAsync(TimeSpan.FromSeconds(10));
    }

    [Fact]
    public async Task Many_writers_never_hold_the_gate_together()
    {
        using var gate = new WriteGate();
        var inside = 0;
        var overlaps = 0;

        await Task.WhenAll(Enumerable.Range(0, 200).Select(i => Task.Run(async () =>
        {
            await gate.WaitAsync(urgent: i % 3 == 0, default);
            if (Interlocked.Increment(ref inside) > 1)
                Interlocked.Increment(ref overlaps);
            await Task.Yield();
            Interlocked.Decrement(ref inside);
            gate.Release();
        })));

        Assert.Equal(0, overlaps);
    }

    [Fact]
    public async Task The_priority_flows_with_the_request_and_ends_with_its_scope()
    {
        Assert.False(WritePriority.IsUrgent);
        using (WritePriority.Acknowledging())
        {
            await Task.Yield();
            Assert.True(await Task.Run(() => WritePriority.IsUrgent));
        }
        Assert.False(WritePriority.IsUrgent);
    }

    /// <summary>Waits for the gate, records the turn, hands the gate on.</summary>
    private static async Task Next(WriteGate gate, bool urgent, string name, List<string> order)
    {
        var turn = gate.WaitAsync(urgent, default);
        await turn;
        lock (order)
            order.Add(name);
        gate.Release();
    }
}
