namespace IncidentBot.Dialogs.Work;

/// <summary>
/// Jobs asked for while a person waits for the bot's answer, held back until the answer is sent
/// (the host flushes them when the response has gone). Their work items are already stored, so a
/// flush that never happens (a crash) is made up by the reconciler's sweep within seconds.
/// </summary>
public sealed class DeferredJobs : IDisposable
{
    private static readonly AsyncLocal<DeferredJobs?> Ambient = new();

    private readonly DeferredJobs? _outer;
    private readonly List<WorkJob> _jobs = [];
    private bool _isClosed;

    private DeferredJobs()
    {
        _outer = Ambient.Value;
        Ambient.Value = this;
    }

    public static DeferredJobs? Current => Ambient.Value;

    public static DeferredJobs Begin() => new();

    /// <returns>False when the scope is closed: schedule it now instead.</returns>
    public bool TryAdd(string workspaceId, string workItemId, DateTimeOffset runAt)
    {
        lock (_jobs)
        {
            if (_isClosed)
                return false;
            _jobs.Add(new WorkJob(workspaceId, workItemId, runAt));
            return true;
        }
    }

    /// <summary>Closes the scope and schedules what it held.</summary>
    public async Task FlushAsync(IJobScheduler scheduler, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(scheduler);
        WorkJob[] jobs;
        lock (_jobs)
        {
            _isClosed = true;
            jobs = [.. _jobs];
            _jobs.Clear();
        }
        if (jobs.Length > 0)
            await scheduler.ScheduleAllAsync(jobs, cancellationToken);
    }

    public void Dispose()
    {
        lock (_jobs)
            _isClosed = true;
        if (Ambient.Value == this)
            Ambient.Value = _outer;
    }
}
