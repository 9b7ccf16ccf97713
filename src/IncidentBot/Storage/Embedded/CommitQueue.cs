namespace IncidentBot.Storage.Embedded;

/// <summary>
/// Commits waiting for the embedded store's one writer, in two lines like the write gate's: urgent
/// commits (someone waits for the answer) are taken first. The writer takes them in groups and
/// writes a group as one SQLite transaction, so a burst pays one <c>COMMIT</c> and one set of log
/// frames per group instead of per commit. A quarter of each group is kept for background commits
/// that wait, so a stream of urgent ones never starves them, and no more than that joins urgent ones.
/// </summary>
internal sealed class CommitQueue
{
    private readonly object _lock = new();
    private readonly Queue<PendingCommit> _urgent = new();
    private readonly Queue<PendingCommit> _background = new();
    private bool _writing;

    /// <summary>Queues the commit; true when no writer is running, and the caller must start one.</summary>
    public bool Enqueue(PendingCommit commit)
    {
        lock (_lock)
        {
            (commit.IsUrgent ? _urgent : _background).Enqueue(commit);
            if (_writing)
                return false;
            _writing = true;
            return true;
        }
    }

    public bool HasUrgent
    {
        get
        {
            lock (_lock)
                return _urgent.Count > 0;
        }
    }

    /// <summary>Commits still waiting, by line (cancelled ones not counted).</summary>
    public (int Urgent, int Background) Waiting
    {
        get
        {
            lock (_lock)
                return (_urgent.Count(commit => commit.IsQueued), _background.Count(commit => commit.IsQueued));
        }
    }

    /// <summary>
    /// Up to <paramref name="max"/> commits, each now taken by the writer: urgent first, background in its share.
    /// With urgent commits in the group, background ones are at most a quarter of it (at least one), since every
    /// commit in the transaction delays the people waiting for the urgent ones; without, they fill the group.
    /// </summary>
    public List<PendingCommit> TakeGroup(int max)
    {
        var group = new List<PendingCommit>();
        lock (_lock)
        {
            var backgroundShare = Math.Min(_background.Count, Math.Max(1, max / 4));
            TakeFrom(_urgent, group, max - backgroundShare);
            var urgent = group.Count;
            TakeFrom(_background, group, urgent == 0 ? max : urgent + Math.Min(backgroundShare, Math.Max(1, (urgent + 2) / 3)));
        }
        return group;
    }

    /// <summary>The writer stops when nothing waits; false means more came and it goes on.</summary>
    public bool StopIfEmpty()
    {
        lock (_lock)
        {
            if (_urgent.Count > 0 || _background.Count > 0)
                return false;
            _writing = false;
            return true;
        }
    }

    /// <summary>Everything still queued, taken, for a writer that can no longer write (the store was disposed).</summary>
    public List<PendingCommit> TakeAll()
    {
        var all = new List<PendingCommit>();
        lock (_lock)
        {
            TakeFrom(_urgent, all, int.MaxValue);
            TakeFrom(_background, all, int.MaxValue);
            _writing = false;
        }
        return all;
    }

    private static void TakeFrom(Queue<PendingCommit> line, List<PendingCommit> group, int max)
    {
        while (group.Count < max && line.TryDequeue(out var commit))
        {
            if (commit.TryTake())
                group.Add(commit);
        }
    }
}
