using Hangfire;
using IncidentBot.Dialogs.Work;
using Microsoft.Extensions.Options;

namespace IncidentBot.Jobs;

/// <summary>
/// With the in-memory job storage, the work one request asks for that is due now runs here, on the job threads, rather
/// than as a Hangfire job: a Hangfire job is about eight round trips to the storage's dispatcher thread (create,
/// enqueue, fetch, state changes) and a worker thread blocked on it, each a pair of context switches (PERFORMANCE.md,
/// issue 12). What a job gave stays: each item runs under the lock its own job takes
/// (<see cref="RunWorkJob.RunTogetherAsync"/>), at most <see cref="JobsOptions.WorkerCount"/> runs at a time with the
/// urgent queue first, and a run that fails becomes a Hangfire job after the first retry delay, retried as any job.
/// A run lost with its process is a job lost with the in-memory storage: its items are stored, the reconciler runs them.
/// </summary>
public sealed class ImmediateWork : IHostedService, IDisposable
{
    private readonly IServiceScopeFactory _scopes;
    private readonly IBackgroundJobClient _jobs;
    private readonly WorkRetries _retries;
    private readonly ILogger<ImmediateWork> _logger;
    private readonly TaskScheduler _scheduler;
    private readonly int _limit;
    private readonly CancellationTokenSource _stopping = new();
    private readonly CancellationToken _stoppingToken;
    private readonly object _lock = new();
    private readonly Queue<Run> _urgent = new();
    private readonly Queue<Run> _default = new();
    // Completed once stopped with no run left: a run counts from the moment Start takes its slot, so none is missed.
    private readonly TaskCompletionSource _drained = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int _running;
    private bool _stopped;

    public ImmediateWork(
        IServiceScopeFactory scopes, IBackgroundJobClient jobs, WorkRetries retries, JobThreads threads, IOptions<JobsOptions> options, ILogger<ImmediateWork> logger)
    {
        _scopes = scopes;
        _jobs = jobs;
        _retries = retries;
        _logger = logger;
        // Jobs:JobThreadNiceness 0 runs jobs on the thread pool; so do these runs.
        _scheduler = options.Value.JobThreadNiceness > 0 ? threads : TaskScheduler.Default;
        _limit = options.Value.WorkerCount;
        _stoppingToken = _stopping.Token;
    }

    /// <summary>Runs started or waiting for a slot (tests wait for none, as for Hangfire's idle queues).</summary>
    public int Pending
    {
        get
        {
            lock (_lock)
                return _running + _urgent.Count + _default.Count;
        }
    }

    /// <summary>Runs <paramref name="workItemIds"/> of one workspace, one after the other, each under its item's lock.</summary>
    public void Start(string workspaceId, string queue, string[] workItemIds)
    {
        var run = new Run(workspaceId, queue, workItemIds);
        lock (_lock)
        {
            if (_stopped)
                return; // stored; the next start's reconcile runs it
            if (_running >= _limit)
            {
                (queue == JobQueues.Urgent ? _urgent : _default).Enqueue(run);
                return;
            }
            _running++;
        }
        // The loop itself runs on the job threads, so its awaits come back to them as a job's do; and, as a job, in
        // no request's context: not under its trace (Activity.Current), not in its deferred jobs.
        // DrainAsync never throws (each run's failure is handled in RunOneAsync); StopAsync waits for it through _drained.
        using (ExecutionContext.IsFlowSuppressed() ? default : ExecutionContext.SuppressFlow())
            _ = Task.Factory.StartNew(() => DrainAsync(run), CancellationToken.None, TaskCreationOptions.DenyChildAttach, _scheduler).Unwrap();
    }

    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>
    /// Stops taking runs and lets those in flight finish, as Hangfire's server lets its jobs finish; they are cancelled
    /// only when the host's shutdown timeout is up. A channel sync cancelled half-way keeps its lease, so after a
    /// restart its channel would wait for the lease to lapse (two minutes) instead of being made at once.
    /// </summary>
    public async Task StopAsync(CancellationToken cancellationToken)
    {
        StopTaking();
        try
        {
            await _drained.Task.WaitAsync(cancellationToken);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // The host's shutdown timeout: what is left is stored and reconciled at the next start.
            _stopping.Cancel();
        }
    }

    /// <summary>
    /// No run starts any more (a request finishing late leaves its work stored) and those in flight are cancelled. The
    /// host may dispose its services before it stops them, so <see cref="StopAsync"/> must still work afterwards: the
    /// token source is cancelled, never disposed (it has no timer or wait handle to free).
    /// </summary>
    public void Dispose()
    {
        StopTaking();
        _stopping.Cancel();
    }

    private void StopTaking()
    {
        lock (_lock)
        {
            _stopped = true;
            _urgent.Clear();
            _default.Clear();
            if (_running == 0)
                _drained.TrySetResult();
        }
    }

    private async Task DrainAsync(Run first)
    {
        for (var run = first; run is not null; run = Next())
            await RunOneAsync(run);
    }

    private Run? Next()
    {
        lock (_lock)
        {
            if (!_stopped && (_urgent.Count > 0 || _default.Count > 0))
                return _urgent.Count > 0 ? _urgent.Dequeue() : _default.Dequeue();
            if (--_running == 0 && _stopped)
                _drained.TrySetResult();
            return null;
        }
    }

    private async Task RunOneAsync(Run run)
    {
        var stopping = _stoppingToken;
        try
        {
            await using var scope = _scopes.CreateAsyncScope();
            await scope.ServiceProvider.GetRequiredService<RunWorkJob>().RunTogetherAsync(run.WorkspaceId, run.WorkItemIds, stopping);
        }
        catch (OperationCanceledException) when (stopping.IsCancellationRequested)
        {
            // stopping: the items stay stored and the start-up reconcile runs them
        }
        catch (Exception e)
        {
            _logger.ImmediateRunFailed(e, run.WorkspaceId, string.Join(", ", run.WorkItemIds));
            try
            {
                string[] ids = run.WorkItemIds;
                var workspaceId = run.WorkspaceId;
                _jobs.Schedule<RunWorkJob>(run.Queue, job => job.RunTogetherAsync(workspaceId, ids, CancellationToken.None), _retries.DelayAfter(1));
            }
            catch (Exception scheduling)
            {
                // The items are still stored: the reconciler's sweep gives them a job.
                _logger.ImmediateRetryNotScheduled(scheduling, run.WorkspaceId);
            }
        }
    }

    private sealed record Run(string WorkspaceId, string Queue, string[] WorkItemIds);
}
