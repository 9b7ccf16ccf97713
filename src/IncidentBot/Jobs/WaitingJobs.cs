using System.Collections.Concurrent;

namespace IncidentBot.Jobs;

/// <summary>
/// Work items whose job is enqueued in this process and has not started yet. A request for such
/// an item adds no second job: the waiting one reads the stored item when it starts, so it sees
/// every change stored before then. A burst of notes on one incident therefore costs one
/// channel update, not one job each (see PERFORMANCE.md).
/// </summary>
/// <remarks>
/// A job that starts removes its item first, so a request stored after that enqueues a new job.
/// An entry older than <see cref="MaxWait"/> no longer counts, so a job lost in a way this
/// process cannot see (another instance on a shared storage ran it) delays its item's next
/// request by that much at most; an extra job for an item is harmless, as runs are idempotent.
/// </remarks>
public sealed class WaitingJobs(TimeProvider clock)
{
    public static readonly TimeSpan MaxWait = TimeSpan.FromSeconds(30);

    private readonly ConcurrentDictionary<(string WorkspaceId, string WorkItemId), DateTimeOffset> _waiting = new();

    /// <returns>True when the caller should enqueue a job; false when one is already waiting.</returns>
    public bool TryReserve(string workspaceId, string workItemId)
    {
        var key = (workspaceId, workItemId);
        var now = clock.GetUtcNow();
        while (true)
        {
            if (_waiting.TryAdd(key, now))
                return true;
            if (!_waiting.TryGetValue(key, out var since))
                continue; // started meanwhile: try to add again
            if (now - since < MaxWait)
                return false;
            if (_waiting.TryUpdate(key, now, since))
                return true;
        }
    }

    /// <summary>The item's job has started (or could not be enqueued): the next request enqueues again.</summary>
    public void Release(string workspaceId, string workItemId) => _waiting.TryRemove((workspaceId, workItemId), out _);

    public int Count => _waiting.Count;
}
