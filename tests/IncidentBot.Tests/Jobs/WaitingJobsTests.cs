using IncidentBot.Jobs;
using Microsoft.Extensions.Time.Testing;

namespace IncidentBot.Tests.Jobs;

public sealed class WaitingJobsTests
{
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 11, 25, 9, 0, 0, TimeSpan.Zero));

    [Fact]
    public void A_second_request_while_the_job_waits_enqueues_nothing()
    {
        var waiting = new WaitingJobs(_clock);

        Assert.True(waiting.TryReserve("T1", "work-a"));
        Assert.False(waiting.TryReserve("T1", "work-a"));
        Assert.True(waiting.TryReserve("T1", "work-b"));
        Assert.True(waiting.TryReserve("T2", "work-a"));
    }

    [Fact]
    public void Once_the_job_starts_the_next_request_enqueues_again()
    {
        var waiting = new WaitingJobs(_clock);
        waiting.TryReserve("T1", "work-a");

        waiting.Release("T1", "work-a");

        Assert.True(waiting.TryReserve("T1", "work-a"));
        Assert.Equal(1, waiting.Count);
    }

    [Fact]
    public void A_reservation_older_than_the_limit_no_longer_holds_requests_back()
    {
        var waiting = new WaitingJobs(_clock);
        waiting.TryReserve("T1", "work-a");

        _clock.Advance(WaitingJobs.MaxWait - TimeSpan.FromSeconds(1));
        Assert.False(waiting.TryReserve("T1", "work-a"));
        _clock.Advance(TimeSpan.FromSeconds(1));
        Assert.True(waiting.TryReserve("T1", "work-a"));
        Assert.False(waiting.TryReserve("T1", "work-a"));
    }

    [Fact]
    public void Concurrent_requests_reserve_once()
    {
        var waiting = new WaitingJobs(_clock);
        var granted = 0;

        Parallel.For(0, 1000, _ =>
        {
            if (waiting.TryReserve("T1", "work-a"))
                Interlocked.Increment(ref granted);
        });

        Assert.Equal(1, granted);
    }
}
