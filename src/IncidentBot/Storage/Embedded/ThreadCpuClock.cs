using System.Runtime.InteropServices;

namespace IncidentBot.Storage.Embedded;

/// <summary>
/// The CPU time the calling thread has used (Linux's per-thread CPU clock; .NET has no API for it). The writer's CPU
/// time set against the time it holds the write gate tells a writer that computes from one that waits for a CPU.
/// </summary>
internal static class ThreadCpuClock
{
    private const int ThreadCpuTimeId = 3; // CLOCK_THREAD_CPUTIME_ID

    /// <summary>Whether <see cref="Now"/> reads a real clock here: only on Linux, and only if libc answers.</summary>
    public static bool IsSupported { get; } = OperatingSystem.IsLinux() && Probe();

    /// <summary>The calling thread's CPU time so far in nanoseconds; 0 where <see cref="IsSupported"/> is false.</summary>
    public static long Now() => IsSupported && clock_gettime(ThreadCpuTimeId, out var time) == 0 ? time.Seconds * 1_000_000_000 + time.Nanoseconds : 0;

    private static bool Probe()
    {
        try
        {
            return clock_gettime(ThreadCpuTimeId, out _) == 0;
        }
        catch (Exception e) when (e is DllNotFoundException or EntryPointNotFoundException)
        {
            return false;
        }
    }

    [StructLayout(LayoutKind.Sequential)]
    private struct TimeSpec
    {
        public long Seconds;
        public long Nanoseconds;
    }

    [DllImport("libc")]
    private static extern int clock_gettime(int clockId, out TimeSpec time);
}
