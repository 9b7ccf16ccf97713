using System.Runtime.InteropServices;
using Hangfire.Processing;

namespace IncidentBot.Jobs;

/// <summary>
/// The threads background jobs run on, at a lower CPU priority (<see cref="JobsOptions.JobThreadNiceness"/>) than the
/// threads that answer people: on a busy machine an acknowledgement goes before a channel update. Hangfire runs an
/// async job on this scheduler and its continuations come back to it; what a library continues on the thread pool
/// (<c>ConfigureAwait(false)</c>) runs there, at normal priority, so this is a preference, not a guarantee.
/// </summary>
public sealed class JobThreads : IDisposable
{
    private readonly BackgroundTaskScheduler _scheduler;

    public JobThreads(int count, int niceness, ILogger<JobThreads> logger)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(count, 1);
        Niceness = niceness;
        _scheduler = new BackgroundTaskScheduler(
            start => Enumerable.Range(1, count).Select(i => Create(start, i)),
            exception => logger.JobThreadFailed(exception));
    }

    public TaskScheduler Scheduler => _scheduler;

    public int Niceness { get; }

    /// <summary>Whether the calling thread is one of these (a write that others wait for leaves it, <see cref="LeaveAsync"/>).</summary>
    public static bool IsCurrent => t_niceness > 0;

    /// <summary>
    /// Continues on the thread pool when called on a job thread, at once otherwise: for work that others wait on (the
    /// embedded store's one writer), so that a lower priority does not hold them up.
    /// </summary>
    public static ThreadPoolHop LeaveAsync() => new(IsCurrent);

    public void Dispose() => _scheduler.Dispose();

    [ThreadStatic]
    private static int t_niceness;

    private Thread Create(ThreadStart start, int index) => new(() =>
    {
        if (Niceness > 0 && Native.TrySetNiceness(Niceness))
            t_niceness = Niceness;
        start();
    })
    {
        IsBackground = true,
        Name = $"Job thread {index}",
    };

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
