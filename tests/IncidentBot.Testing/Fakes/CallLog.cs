namespace IncidentBot.Testing.Fakes;

/// <summary>
/// A thread-safe record of things that happened, which a test can await: each waiter is a
/// TaskCompletionSource completed by <see cref="Add"/>, so nothing polls or sleeps.
/// </summary>
internal sealed class CallLog<T>(string what)
{
    private readonly Lock _gate = new();
    private readonly List<T> _items = [];
    private readonly List<Waiter> _waiters = [];

    public void Add(T item)
    {
        List<(TaskCompletionSource<IReadOnlyList<T>> Signal, IReadOnlyList<T> Matches)> ready = [];
        lock (_gate)
        {
            _items.Add(item);
            foreach (var waiter in _waiters.ToArray())
            {
                if (!waiter.Predicate(item))
                    continue;
                waiter.Matches.Add(item);
                if (waiter.Matches.Count < waiter.Count)
                    continue;
                _waiters.Remove(waiter);
                ready.Add((waiter.Signal, waiter.Matches.ToArray()));
            }
        }
        foreach (var (signal, matches) in ready)
            signal.TrySetResult(matches);
    }

    public IReadOnlyList<T> Snapshot()
    {
        lock (_gate)
            return _items.ToArray();
    }

    /// <summary>The first <paramref name="count"/> items matching, counting those already recorded.</summary>
    public async Task<IReadOnlyList<T>> WaitAsync(Func<T, bool> predicate, int count, TimeSpan timeout, string description)
    {
        Waiter waiter;
        lock (_gate)
        {
            var matches = _items.Where(predicate).Take(count).ToList();
            if (matches.Count >= count)
                return matches;
            waiter = new Waiter(predicate, count, matches, new(TaskCreationOptions.RunContinuationsAsynchronously));
            _waiters.Add(waiter);
        }
        try
        {
            return await waiter.Signal.Task.WaitAsync(timeout);
        }
        catch (TimeoutException)
        {
            lock (_gate)
                _waiters.Remove(waiter);
            throw new TimeoutException(
                $"Waited {timeout.TotalSeconds:0.#}s for {count} {what}(s) matching {description}; saw {waiter.Matches.Count}. " +
                $"Recorded: {string.Join(", ", Snapshot())}");
        }
    }

    private sealed record Waiter(Func<T, bool> Predicate, int Count, List<T> Matches, TaskCompletionSource<IReadOnlyList<T>> Signal);
}
