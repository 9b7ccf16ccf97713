using System.Runtime.InteropServices;

namespace IncidentBot.Jobs;

/// <summary>
/// The threads background jobs run on, at a lower CPU priority (<see cref="JobsOptions.JobThreadNiceness"/>) than the
/// threads that answer people: on a busy machine an acknowledgement goes before a channel update. Hangfire runs an
/// async job on this scheduler and its continuations come back to it; what a library continues on the thread pool
/// (<c>ConfigureAwait(false)</c>) runs there, at normal priority, so this is a preference, not a guarantee.
/// A plain monitor queue: Hangfire's own <c>BackgroundTaskScheduler</c> waits on kernel-style wait handles, which on
/// Linux cost five times the CPU of the work they dispatched (PERFORMANCE.md, issue 12).
/// </summary>
public sealed class JobThreads : TaskScheduler, IDisposable
{
    [ThreadStatic]
    private static bool t_isJobThread;

    private readonly Queue<Task> _queue = new();
    private readonly object _lock = new();
    private readonly Thread[] _threads;
    private int _idle;
    private bool _stopping;

    public JobThreads(int count, int niceness)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(count, 1);
        Niceness = niceness;
        _threads = [.. Enumerable.Range(1, count).Select(i => new Thread(Run) { IsBackground = true, Name = $"Job thread {i}" })];
        foreach (var thread in _threads)
            thread.Start();
    }

    public int Niceness { get; }

    public override int MaximumConcurrencyLevel => _threads.Length;

    /// <summary>Whether the calling thread is a job thread (a write that others wait for leaves it, <see cref="LeaveAsync"/>).</summary>
    public static bool IsCurrent => t_isJobThread;

    /// <summary>
    /// Continues on the thread pool when called on a job thread, at once otherwise: for work that others wait on (the
    /// embedded store's one writer), so that a lower priority does not hold them up.
    /// </summary>
    public static ThreadPoolHop LeaveAsync() => new(IsCurrent);

    public void Dispose()
    {
        lock (_lock)
        {
            _stopping = true;
            Monitor.PulseAll(_lock);
        }
    }

    protected override void QueueTask(Task task)
    {
        lock (_lock)
        {
            _queue.Enqueue(task);
            if (_idle > 0)
                Monitor.Pulse(_lock);
        }
    }

    protected override bool TryExecuteTaskInline(Task task, bool taskWasPreviouslyQueued) =>
        !taskWasPreviouslyQueued && t_isJobThread && TryExecuteTask(task);

    protected override IEnumerable<Task> GetScheduledTasks()
    {
        lock (_lock)
            return _queue.ToArray();
    }

    private void Run()
    {
        t_isJobThread = true;
        if (Niceness > 0)
            Native.TrySetNiceness(Niceness);
        while (Next() is { } task)
            TryExecuteTask(task);
    }

    private Task? Next()
    {
        lock (_lock)
        {
            while (_queue.Count == 0)
            {
                if (_stopping)
                    return null;
                _idle++;
                Monitor.Wait(_lock);
                _idle--;
            }
            return _queue.Dequeue();
        }
    }

    public readonly struct ThreadPoolHop(bool hop)
    {
        public Awaiter GetAwaiter() => new(hop);

        public readonly struct Awaiter(bool hop) : System.Runtime.CompilerServices.ICriticalNotifyCompletion
        {
            public bool IsCompleted => !hop;

            public void GetResult()
            {
            }

            public void OnCompleted(Action continuation) => ThreadPool.QueueUserWorkItem(static c => c(), continuation, preferLocal: false);

            public void UnsafeOnCompleted(Action continuation) => ThreadPool.UnsafeQueueUserWorkItem(static c => c(), continuation, preferLocal: false);
        }
    }

    /// <summary>Linux keeps a nice value per thread; elsewhere the threads keep the normal priority.</summary>
    private static class Native
    {
        private const int PrioProcess = 0;

        public static bool TrySetNiceness(int niceness)
        {
            if (!OperatingSystem.IsLinux())
                return false;
            try
            {
                return setpriority(PrioProcess, gettid(), niceness) == 0;
            }
            catch (Exception e) when (e is DllNotFoundException or EntryPointNotFoundException)
            {
                return false;
            }
        }

        [DllImport("libc", SetLastError = true)]
        private static extern int setpriority(int which, int who, int prio);

        [DllImport("libc")]
        private static extern int gettid();
    }
}
