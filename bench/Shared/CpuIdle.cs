namespace IncidentBot.BenchSupport;

/// <summary>
/// Lets a server finish the background work a round left behind (channel jobs after declares)
/// before the next round starts, so one server's backlog does not run on the other's time.
/// </summary>
internal static class CpuIdle
{
    private static readonly TimeSpan Window = TimeSpan.FromSeconds(1);

    /// <summary>CPU seconds per wall second (cores busy) of an idle server, over <paramref name="over"/>.</summary>
    public static async Task<double> MeasureRateAsync(Func<TimeSpan> cpu, TimeSpan over)
    {
        var before = cpu();
        await Task.Delay(over);
        return (cpu() - before) / over;
    }

    /// <summary>
    /// Waits until a one-second window uses no more than <paramref name="idleRate"/> + 0.1 core, at
    /// most <paramref name="limit"/>. Returns how long it waited and the CPU used meanwhile.
    /// </summary>
    public static async Task<(TimeSpan Waited, TimeSpan Cpu, bool Idle)> WaitAsync(Func<TimeSpan> cpu, double idleRate, TimeSpan limit)
    {
        var start = cpu();
        var clock = System.Diagnostics.Stopwatch.StartNew();
        while (clock.Elapsed < limit)
        {
            var before = cpu();
            await Task.Delay(Window);
            if ((cpu() - before) / Window <= idleRate + 0.1)
                return (clock.Elapsed, cpu() - start, true);
        }
        return (clock.Elapsed, cpu() - start, false);
    }
}
