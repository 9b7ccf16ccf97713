using System.Runtime.ExceptionServices;

namespace IncidentBot.Dialogs.Intake;

/// <summary>
/// Group commit within this process: work for one key (an incident) that arrives while earlier
/// work for that key is being written waits in the key's line, and the first waiter then writes
/// as many of the waiting items as fit in one unit, for all of them. Each item is answered only
/// when the unit holding it is committed, or with that unit's failure. The writer of a group hands
/// the line to the next waiter when it is done, so no caller writes for longer than one unit.
/// </summary>
/// <typeparam name="TItem">The work of one caller; the write records each item's outcome on it.</typeparam>
internal sealed class GroupCommit<TItem>(int budget, Func<TItem, int> cost)
    where TItem : class
{
    private readonly Dictionary<(string, int), Line> _lines = [];

    /// <summary>Returns once <paramref name="item"/> was written, by this caller or another; throws the failure of the unit that held it.</summary>
    /// <remarks>
    /// A caller neither stops waiting nor cancels the shared write when its own request goes away:
    /// the write is one short unit, and other callers' reports are in it.
    /// </remarks>
    public async Task RunAsync((string, int) key, TItem item, Func<IReadOnlyList<TItem>, Task> write)
    {
        ArgumentNullException.ThrowIfNull(write);
        var waiter = new Waiter(item);
        Line line;
        bool leads;
        lock (_lines)
        {
            if (!_lines.TryGetValue(key, out line!))
                _lines[key] = line = new Line();
            line.Waiting.Add(waiter);
            leads = !line.IsWriting;
            line.IsWriting = true;
        }
        if (!leads && !await waiter.Turn.Task)
            return; // written with another caller's group

        List<Waiter> group;
        lock (_lines)
            group = TakeGroup(line);
        ExceptionDispatchInfo? failure = null;
        try
        {
            await write([.. group.Select(w => w.Item)]);
        }
        catch (Exception e)
        {
            failure = ExceptionDispatchInfo.Capture(e);
        }
        foreach (var other in group)
        {
            if (ReferenceEquals(other, waiter))
                continue;
            if (failure is null)
                other.Turn.TrySetResult(false);
            else
                other.Turn.TrySetException(failure.SourceException);
        }
        lock (_lines)
        {
            if (line.Waiting.Count == 0)
                _lines.Remove(key);
            else
                line.Waiting[0].Turn.TrySetResult(true); // the next group's first waiter writes it
        }
        failure?.Throw();
    }

    /// <summary>From the head of the line, as many waiters as the budget allows; always at least the first (the caller).</summary>
    private List<Waiter> TakeGroup(Line line)
    {
        var taken = 0;
        var spent = 0;
        foreach (var waiter in line.Waiting)
        {
            var price = cost(waiter.Item);
            if (taken > 0 && spent + price > budget)
                break;
            spent += price;
            taken++;
        }
        var group = line.Waiting.GetRange(0, taken);
        line.Waiting.RemoveRange(0, taken);
        return group;
    }

    private sealed class Line
    {
        public List<Waiter> Waiting { get; } = [];

        /// <summary>True from the first arrival until the line is empty again: someone is writing or about to.</summary>
        public bool IsWriting { get; set; }
    }

    private sealed class Waiter(TItem item)
    {
        public TItem Item { get; } = item;

        /// <summary>True: write the next group now. False: written with someone else's group.</summary>
        public TaskCompletionSource<bool> Turn { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }
}
