using IncidentBot.Dialogs.Storage;

namespace IncidentBot.Storage.Embedded;

/// <summary>
/// One <see cref="DocumentBatch"/> waiting for the writer, already serialised, with its new ETags.
/// Its caller awaits <see cref="Done"/>: null when every write of the batch committed, else the index
/// of the write that met a conflict (and then none of the batch's writes stayed).
/// </summary>
internal sealed class PendingCommit(string workspaceId, IReadOnlyList<DocumentOperation> operations, DocumentRow[] rows, string[] etags, bool urgent)
    : IThreadPoolWorkItem
{
    private const int Queued = 0, Taken = 1, Cancelled = 2;

    private readonly TaskCompletionSource<int?> _done = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int _state;

    public string WorkspaceId { get; } = workspaceId;

    public IReadOnlyList<DocumentOperation> Operations { get; } = operations;

    public DocumentRow[] Rows { get; } = rows;

    /// <summary>Each operation's new ETag ("" for a delete).</summary>
    public string[] ETags { get; } = etags;

    /// <summary>Made while someone waits for an answer (<see cref="WritePriority"/>): written before background commits.</summary>
    public bool IsUrgent { get; } = urgent;

    public Task<int?> Done => _done.Task;

    public bool IsQueued => Volatile.Read(ref _state) == Queued;

    /// <summary>The writer takes it; false if its caller gave up first.</summary>
    public bool TryTake() => Interlocked.CompareExchange(ref _state, Taken, Queued) == Queued;

    /// <summary>The caller gives up while it is still queued; once taken, it is written and answered.</summary>
    public void TryCancel(CancellationToken cancellationToken)
    {
        if (Interlocked.CompareExchange(ref _state, Cancelled, Queued) == Queued)
            _done.TrySetCanceled(cancellationToken);
    }

    /// <param name="handOff">
    /// Answer from the thread pool's shared queue. The writer that goes on with the next group runs on a pool thread, and
    /// an answer set there queues its caller's continuation on that thread's own queue, which only other threads' stealing
    /// empties while the writer keeps the thread: at 2,000 reports a second 9–21 ms at p99 from the answer to the caller
    /// running again, 5–7 ms from the shared queue (PERFORMANCE.md, "Answers from the shared queue").
    /// </param>
    public void Complete(int? failedAt, bool handOff)
    {
        if (!handOff)
        {
            _done.TrySetResult(failedAt);
            return;
        }
        _failedAt = failedAt;
        ThreadPool.UnsafeQueueUserWorkItem(this, preferLocal: false);
    }

    private int? _failedAt;

    void IThreadPoolWorkItem.Execute() => _done.TrySetResult(_failedAt);

    public void Fail(Exception exception) => _done.TrySetException(exception);
}
