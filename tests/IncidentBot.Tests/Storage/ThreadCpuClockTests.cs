using IncidentBot.Storage.Embedded;

namespace IncidentBot.Tests.Storage;

/// <summary>The calling thread's CPU clock, which the writer's CPU metric reads: it moves with work, not with waiting.</summary>
public sealed class ThreadCpuClockTests
{
    [Fact]
    public void Reads_the_thread_s_CPU_time_on_Linux()
    {
        Assert.Equal(OperatingSystem.IsLinux(), ThreadCpuClock.IsSupported);
    }

    [Fact]
    public void Work_moves_the_clock_and_a_blocked_wait_hardly_does()
    {
        if (!ThreadCpuClock.IsSupported)
        {
            Assert.Equal(0, ThreadCpuClock.Now()); // elsewhere it reads nothing, and the metric is not published
            return;
        }
        var started = ThreadCpuClock.Now();
        var sum = 0L;
        for (var i = 0; i < 20_000_000; i++)
            sum += i % 7;
        var worked = ThreadCpuClock.Now() - started;

        using var never = new ManualResetEventSlim();
        var beforeWait = ThreadCpuClock.Now();
        never.Wait(TimeSpan.FromMilliseconds(200));
        var waited = ThreadCpuClock.Now() - beforeWait;

        Assert.True(sum > 0);
        Assert.True(worked > 0, $"The clock moved {worked} ns over twenty million additions.");
        // A blocked thread is off the CPU; the bound leaves room for the wait's own spinning before it blocks.
        Assert.True(waited < 100_000_000, $"A 200 ms blocked wait used {waited / 1e6:0.0} ms of CPU.");
    }
}
