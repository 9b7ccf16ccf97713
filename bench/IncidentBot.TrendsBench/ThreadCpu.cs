using System.Runtime.InteropServices;

namespace IncidentBot.TrendsBench;

/// <summary>
/// CPU time of the calling thread (Linux <c>CLOCK_THREAD_CPUTIME_ID</c>): unlike wall time or the process's CPU
/// time, it counts neither the wait for a core on a shared machine nor the bot's background work.
/// </summary>
internal static partial class ThreadCpu
{
    private const int ThreadCpuClock = 3;

    public static TimeSpan Now()
    {
        if (ClockGetTime(ThreadCpuClock, out var time) != 0)
            throw new InvalidOperationException("clock_gettime(CLOCK_THREAD_CPUTIME_ID) failed.");
        return TimeSpan.FromTicks((time.Seconds * TimeSpan.TicksPerSecond) + (time.Nanoseconds / 100));
    }

    [LibraryImport("libc", EntryPoint = "clock_gettime")]
    private static partial int ClockGetTime(int clock, out Timespec time);

    [StructLayout(LayoutKind.Sequential)]
    private struct Timespec
    {
        public long Seconds;
        public long Nanoseconds;
    }
}
