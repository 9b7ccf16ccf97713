namespace IncidentBot.Storage.Embedded;

/// <summary>
/// The embedded store's one-writer gate, with two lines: writes made while someone waits for an
/// answer (<see cref="WritePriority"/>) go before background jobs' writes, so an acknowledgement
/// does not queue behind a burst of channel updates. After <see cref="MaxUrgentInARow"/> urgent
/// grants in a row a waiting background write goes next, so background work never starves.
/// </summary>
/// <remarks>
/// It also keeps how long it has been held in all (<see cref="HeldTime"/>): with one writer, the share of each second
/// the gate is held says how close the store is to what it can write.
/// </remarks>
internal sealed class WriteGate(Func<long>? timestamp = null) : IDisposable
{
    public const int MaxUrgentInARow = 8;

    private readonly object _lock = new();
    private readonly Queue<TaskCompletionSource> _urgent = new();
    private readonly Queue<TaskCompletionSource> _background = new();
    private readonly Func<long> _timestamp = timestamp ?? System.Diagnostics.Stopwatch.GetTimestamp;
    private bool _held;
    private int _urgentInARow;
    private long _heldSince;
    private long _heldTicks;

    /// <summary>
    /// How long the gate has been held since it was made, the current hold included (in <see cref="System.Diagnostics.Stopwatch"/>
    /// ticks of the timestamp function). A hand-over from one holder to the next counts as held: nobody else can write meanwhile.
    /// </summary>
    public TimeSpan HeldTime
    {
        get
        {
            lock (_lock)
            {
                var ticks = _heldTicks + (_held ? _timestamp() - _heldSince : 0);
                return TimeSpan.FromSeconds(ticks / (double)System.Diagnostics.Stopwatch.Frequency);
            }
        }
    }

    public Task WaitAsync(bool urgent, CancellationToken cancellationToken)
    {
        TaskCompletionSource waiter;
        lock (_lock)
        {
            if (!_held)
            {
                _held = true;
                _heldSince = _timestamp();
                return Task.CompletedTask;
            }
            waiter = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            (urgent ? _urgent : _background).Enqueue(waiter);
        }
        return cancellationToken.CanBeCanceled ? WaitCancellableAsync(waiter, cancellationToken) : waiter.Task;
    }

    /// <summary>A cancelled waiter stays queued; <see cref="Release"/> skips it (its TrySetResult fails).</summary>
    private static async Task WaitCancellableAsync(TaskCompletionSource waiter, CancellationToken cancellationToken)
    {
        await using var registration = cancellationToken.Register(() => waiter.TrySetCanceled(cancellationToken));
        await waiter.Task;
    }

    /// <summary>Writes waiting in each line; lets a test release a held gate once the write it means to order has queued.</summary>
    internal (int Urgent, int Background) Waiting
    {
        get
        {
            lock (_lock)
                return (_urgent.Count(waiter => !waiter.Task.IsCompleted), _background.Count(waiter => !waiter.Task.IsCompleted));
        }
    }

    public void Release()
    {
        lock (_lock)
        {
            while (true)
            {
                var next = NextWaiter();
                if (next is null)
                {
                    _held = false;
                    _heldTicks += _timestamp() - _heldSince;
                    return;
                }
                if (next.TrySetResult())
                    return; // handed over: the gate stays held by the waiter
            }
        }
    }

    public void Dispose()
    {
        lock (_lock)
        {
            foreach (var waiter in _urgent.Concat(_background))
                waiter.TrySetException(new ObjectDisposedException(nameof(WriteGate)));
            _urgent.Clear();
            _background.Clear();
        }
    }

    private TaskCompletionSource? NextWaiter()
    {
        var backgroundsTurn = _background.Count > 0 && (_urgent.Count == 0 || _urgentInARow >= MaxUrgentInARow);
        if (backgroundsTurn)
        {
            _urgentInARow = 0;
            return _background.Dequeue();
        }
        if (_urgent.Count > 0)
        {
            _urgentInARow++;
            return _urgent.Dequeue();
        }
        return null;
    }
}
