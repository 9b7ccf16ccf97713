using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace IncidentBot.Jobs;

/// <summary>
/// Dedicated threads for the shared job storage's blocking calls made outside Hangfire's own threads: scheduling a
/// stored work item for a request or a sweep, and a timer handing one to its queue at the due time. Hangfire's client
/// API is synchronous, and on Linux a Redis reply is received by a thread-pool thread: run on the thread pool, a burst
/// of these calls (a hundred escalations falling due within seconds) held every pool thread waiting for replies that
/// no pool thread was free to receive, and both instances stalled for 8–25 s on Redis timeouts (PERFORMANCE.md, issue 16).
/// </summary>
public sealed class JobStorageThreads : IDisposable
{
    /// <summary>Enough that a call waiting out a dead instance's job lock (its lease, 5 s) does not hold up the others.</summary>
    public const int DefaultCount = 8;

    [ThreadStatic]
    private static bool t_isCurrent;

    private readonly BlockingCollection<Action> _calls = [];
    private readonly Lock _gate = new();
    private readonly List<TaskCompletionSource> _idleWaiters = [];
    private readonly ILogger _logger;
    private readonly int _count;
    private int _pending;
    private int _started;

    public JobStorageThreads(ILogger<JobStorageThreads> logger, int count = DefaultCount)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(count, 1);
        _logger = logger;
        _count = count;
    }

    /// <summary>Whether the calling thread is one of these.</summary>
    public static bool IsCurrent => t_isCurrent;

    /// <summary>Runs <paramref name="call"/> on one of these threads (at once when already on one) and completes with it.</summary>
    /// <exception cref="ObjectDisposedException">The host is stopping.</exception>
    public Task RunAsync(Action call)
    {
        ArgumentNullException.ThrowIfNull(call);
        if (t_isCurrent)
        {
            call();
            return Task.CompletedTask;
        }
        var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var posted = TryPost(() =>
        {
            try
            {
                call();
                done.SetResult();
            }
            catch (Exception e)
            {
                done.SetException(e);
            }
        });
        ObjectDisposedException.ThrowIf(!posted, this);
        return done.Task;
    }

    /// <summary>Queues <paramref name="call"/>, which handles its own failures; false once the host is stopping.</summary>
    public bool TryPost(Action call)
    {
        ArgumentNullException.ThrowIfNull(call);
        // Started at the first call: a host on the in-memory storage never makes one.
        if (Interlocked.Exchange(ref _started, 1) == 0)
        {
            for (var i = 1; i <= _count; i++)
                new Thread(Run) { IsBackground = true, Name = $"Job storage {i}" }.Start();
        }
        lock (_gate)
            _pending++;
        try
        {
            _calls.Add(call);
            return true;
        }
        catch (InvalidOperationException)
        {
            Finished();
            return false;
        }
    }

    /// <summary>Completes when no call is queued or running (for tests that check what the calls did).</summary>
    public Task WhenIdleAsync()
    {
        lock (_gate)
        {
            if (_pending == 0)
                return Task.CompletedTask;
            var waiter = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            _idleWaiters.Add(waiter);
            return waiter.Task;
        }
    }

    /// <summary>Takes no more calls; the threads finish what is queued and end (they do not hold up the process's exit).</summary>
    public void Dispose() => _calls.CompleteAdding();

    private void Run()
    {
        t_isCurrent = true;
        foreach (var call in _calls.GetConsumingEnumerable())
        {
            try
            {
                call();
            }
            catch (Exception e)
            {
                // A posted call handles its own failures; one that did not must not end the thread (or the process).
                _logger.JobStorageCallFailed(e);
            }
            finally
            {
                Finished();
            }
        }
    }

    private void Finished()
    {
        TaskCompletionSource[] waiters;
        lock (_gate)
        {
            if (--_pending > 0 || _idleWaiters.Count == 0)
                return;
            waiters = [.. _idleWaiters];
            _idleWaiters.Clear();
        }
        foreach (var waiter in waiters)
            waiter.SetResult();
    }
}
