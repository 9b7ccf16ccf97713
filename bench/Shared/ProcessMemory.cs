using System.Globalization;

namespace IncidentBot.BenchSupport;

/// <summary>
/// Resident memory of a process from <c>/proc/&lt;pid&gt;/status</c>: <c>VmRSS</c> now and <c>VmHWM</c>
/// (the kernel's own high-water mark since start), and a sampler that keeps the highest VmRSS it
/// saw while the load ran.
/// </summary>
internal sealed class ProcessMemory : IAsyncDisposable
{
    private readonly int _pid;
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _sampling;
    private long _peakKiB;

    private ProcessMemory(int pid)
    {
        _pid = pid;
        _sampling = SampleAsync(TimeSpan.FromMilliseconds(100), _stop.Token);
    }

    /// <summary>Starts sampling VmRSS every 100 ms until disposed.</summary>
    public static ProcessMemory Watch(int pid) => new(pid);

    /// <summary>The highest VmRSS sampled so far, in MiB.</summary>
    public double PeakSampledMiB => Interlocked.Read(ref _peakKiB) / 1024.0;

    public double ResidentMiB => Read(_pid, "VmRSS:") / 1024.0;

    public double HighWaterMiB => Read(_pid, "VmHWM:") / 1024.0;

    /// <summary>
    /// VmRSS in its kernel parts, MiB: anonymous (GC heap, native allocations), file-backed (the
    /// assemblies and native libraries mapped), shared memory (the runtime's executable memory:
    /// JIT-compiled code and type data, double-mapped through a memfd for W^X).
    /// </summary>
    public (double Anonymous, double Files, double Shared) ResidentParts =>
        (Read(_pid, "RssAnon:") / 1024.0, Read(_pid, "RssFile:") / 1024.0, Read(_pid, "RssShmem:") / 1024.0);

    /// <summary>Forgets the peak so far, so the next one is the load's and not start-up's.</summary>
    public void ResetPeak() => Interlocked.Exchange(ref _peakKiB, 0);

    public static bool IsSupported => File.Exists("/proc/self/status");

    private async Task SampleAsync(TimeSpan interval, CancellationToken stop)
    {
        if (!IsSupported)
            return;
        using var timer = new PeriodicTimer(interval);
        try
        {
            do
            {
                var now = Read(_pid, "VmRSS:");
                long seen;
                while (now > (seen = Interlocked.Read(ref _peakKiB)) && Interlocked.CompareExchange(ref _peakKiB, now, seen) != seen)
                {
                    // another sample raced this one; compare again
                }
            }
            while (await timer.WaitForNextTickAsync(stop));
        }
        catch (OperationCanceledException)
        {
            // stopped
        }
    }

    /// <summary>The field's value in KiB, or 0 when the process is gone or this is not Linux.</summary>
    private static long Read(int pid, string field)
    {
        try
        {
            foreach (var line in File.ReadLines($"/proc/{pid}/status"))
            {
                if (line.StartsWith(field, StringComparison.Ordinal))
                    return long.Parse(line.AsSpan(field.Length).Trim().TrimEnd("kB").Trim(), CultureInfo.InvariantCulture);
            }
        }
        catch (IOException)
        {
            // the process has exited
        }
        catch (UnauthorizedAccessException)
        {
            // not ours to read
        }
        return 0;
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        await _sampling;
        _stop.Dispose();
    }
}
