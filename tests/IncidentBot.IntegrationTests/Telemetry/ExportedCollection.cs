using System.Collections;

namespace IncidentBot.IntegrationTests.Telemetry;

/// <summary>
/// What the in-memory exporter hands over, safe to read while the bot's threads add to it, with
/// a wait for an item that has not come yet. Listeners are process-wide (activity sources are
/// static), so tests pick their own items by workspace id or trace id.
/// </summary>
public sealed class ExportedCollection<T> : ICollection<T>
{
    private readonly Lock _gate = new();
    private readonly List<T> _items = [];
    private readonly List<(Func<T, bool> Matches, TaskCompletionSource<T> Found)> _waiting = [];

    public int Count
    {
        get
        {
            lock (_gate)
                return _items.Count;
        }
    }

    public bool IsReadOnly => false;

    public void Add(T item)
    {
        lock (_gate)
        {
            _items.Add(item);
            foreach (var waiter in _waiting.Where(w => w.Matches(item)).ToList())
            {
                _waiting.Remove(waiter);
                waiter.Found.TrySetResult(item);
            }
        }
    }

    public List<T> Snapshot()
    {
        lock (_gate)
            return [.. _items];
    }

    /// <summary>The first item that matches, recorded already or within <paramref name="timeout"/> (default 10 s).</summary>
    public async Task<T> WaitForAsync(Func<T, bool> matches, TimeSpan? timeout = null)
    {
        var found = new TaskCompletionSource<T>(TaskCreationOptions.RunContinuationsAsynchronously);
        lock (_gate)
        {
            foreach (var item in _items)
            {
                if (matches(item))
                    return item;
            }
            _waiting.Add((matches, found));
        }
        try
        {
            return await found.Task.WaitAsync(timeout ?? TimeSpan.FromSeconds(10));
        }
        catch (TimeoutException)
        {
            throw new TimeoutException($"Nothing recorded matched within {timeout ?? TimeSpan.FromSeconds(10)}; {Count} item(s) recorded.");
        }
    }

    public void Clear()
    {
        lock (_gate)
            _items.Clear();
    }

    public bool Contains(T item)
    {
        lock (_gate)
            return _items.Contains(item);
    }

    public void CopyTo(T[] array, int arrayIndex)
    {
        lock (_gate)
            _items.CopyTo(array, arrayIndex);
    }

    public bool Remove(T item)
    {
        lock (_gate)
            return _items.Remove(item);
    }

    public IEnumerator<T> GetEnumerator() => Snapshot().GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
}

