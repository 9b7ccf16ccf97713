using IncidentBot.Dialogs.Storage;

namespace IncidentBot.Dialogs.Work;

/// <summary>
/// The work item a handler is running for (set by <see cref="WorkDispatcher"/>), so a handler that is done
/// can delete it in its own last unit instead of the dispatcher spending a round trip on it (issue 12).
/// </summary>
public sealed class WorkRun : IDisposable
{
    private static readonly AsyncLocal<WorkRun?> Ambient = new();

    private readonly WorkRun? _outer;
    private readonly Versioned<WorkItem> _item;

    private WorkRun(Versioned<WorkItem> item)
    {
        _item = item;
        _outer = Ambient.Value;
        Ambient.Value = this;
    }

    public static WorkRun? Current => Ambient.Value;

    /// <summary>The item was deleted in the handler's unit: the dispatcher has nothing left to do for it.</summary>
    public bool IsFinished { get; private set; }

    public static WorkRun Begin(Versioned<WorkItem> item) => new(item);

    /// <summary>
    /// Adds the item's delete, with the ETag it was read with, to the handler's last unit; only for a run that
    /// returns <see cref="WorkOutcome.Done"/>. On the first try only: if anything in the unit conflicts (the item
    /// was asked for again meanwhile, say), the retry leaves the item to the dispatcher, which handles that.
    /// </summary>
    public static void FinishIn(WriteAttempt attempt, string workspaceId)
    {
        ArgumentNullException.ThrowIfNull(attempt);
        if (Current is not { } run || attempt.IsRetry || run.IsFinished
            || !string.Equals(run._item.Value.WorkspaceId, workspaceId, StringComparison.Ordinal)
            || attempt.Batch.Contains(run._item.Value.Id))
        {
            return;
        }
        attempt.Batch.Delete(run._item.Value.Id, run._item.ETag);
        attempt.AfterCommit(_ =>
        {
            run.IsFinished = true;
            return Task.CompletedTask;
        });
    }

    public void Dispose()
    {
        if (Ambient.Value == this)
            Ambient.Value = _outer;
    }
}
