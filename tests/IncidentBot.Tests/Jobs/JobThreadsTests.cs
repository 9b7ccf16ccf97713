using System.Globalization;
using Hangfire;
using Hangfire.Common;
using Hangfire.InMemory;
using IncidentBot.Jobs;

namespace IncidentBot.Tests.Jobs;

public sealed class JobThreadsTests
{
    [Fact]
    public async Task A_job_thread_runs_at_the_configured_niceness_and_its_awaits_come_back_to_it()
    {
        using var threads = new JobThreads(2, 10);
        var jobs = new TaskFactory(threads);
        var resume = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);

        var seen = jobs.StartNew(async () =>
        {
            var before = (JobThreads.IsCurrent, ThreadNiceness());
            await resume.Task;
            return (Before: before, After: (JobThreads.IsCurrent, ThreadNiceness()));
        }).Unwrap();
        resume.SetResult();
        var (before, after) = await seen;

        Assert.Equal((true, 10), before);
        Assert.Equal((true, 10), after);
        Assert.False(JobThreads.IsCurrent);
    }

    [Fact]
    public async Task Leaving_a_job_thread_continues_on_the_thread_pool_at_normal_priority()
    {
        using var threads = new JobThreads(1, 10);
        var jobs = new TaskFactory(threads);
        var normal = ThreadNiceness();

        var seen = await jobs.StartNew(async () =>
        {
            await JobThreads.LeaveAsync();
            return (JobThreads.IsCurrent, ThreadNiceness(), Thread.CurrentThread.IsThreadPoolThread);
        }).Unwrap();

        Assert.Equal((false, normal, true), seen);
    }

    [Fact]
    public void Leaving_when_not_on_a_job_thread_goes_on_at_once()
    {
        Assert.True(JobThreads.LeaveAsync().GetAwaiter().IsCompleted);
    }

    [Fact]
    public async Task Hangfire_runs_an_async_job_on_the_job_threads()
    {
        using var threads = new JobThreads(2, 10);
        using var storage = new InMemoryStorage();
        RecordingJob.Seen = new TaskCompletionSource<(bool, int)>(TaskCreationOptions.RunContinuationsAsynchronously);
        using var server = new BackgroundJobServer(
            new BackgroundJobServerOptions
            {
                WorkerCount = 1,
                TaskScheduler = threads,
                FilterProvider = new JobFilterCollection(),
                Activator = new JobActivator(),
            },
            storage);

        new BackgroundJobClient(storage, new JobFilterCollection()).Enqueue(() => RecordingJob.RunAsync());

        Assert.Equal((true, 10), await RecordingJob.Seen.Task.WaitAsync(TimeSpan.FromSeconds(30)));
    }

    [Fact]
    public async Task A_task_queued_while_every_job_thread_sleeps_or_is_going_to_sleep_is_run()
    {
        // Each round lets the threads run out of work, so every task meets them asleep or on their way to sleep: a
        // wake-up lost there would leave a task in the queue and this round waiting out its bound.
        using var threads = new JobThreads(3, 10);
        var jobs = new TaskFactory(threads);
        for (var round = 0; round < 2_000; round++)
        {
            var ran = jobs.StartNew(() => JobThreads.IsCurrent);
            Assert.True(await ran.WaitAsync(TimeSpan.FromSeconds(30)), $"round {round}");
        }
    }

    [Fact]
    public async Task Tasks_queued_from_many_threads_at_once_each_run_once()
    {
        using var threads = new JobThreads(3, 10);
        var jobs = new TaskFactory(threads);
        const int producers = 4, perProducer = 5_000;
        var runs = new int[producers * perProducer];
        var all = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var left = runs.Length;

        await Task.WhenAll(Enumerable.Range(0, producers).Select(p => Task.Run(() =>
        {
            for (var i = 0; i < perProducer; i++)
            {
                var slot = p * perProducer + i;
                jobs.StartNew(() =>
                {
                    Interlocked.Increment(ref runs[slot]);
                    if (Interlocked.Decrement(ref left) == 0)
                        all.SetResult();
                });
            }
        })));

        await all.Task.WaitAsync(TimeSpan.FromSeconds(30));
        Assert.All(runs, count => Assert.Equal(1, count));
    }

    [Fact]
    public async Task Tasks_queued_before_the_threads_are_disposed_still_run()
    {
        var threads = new JobThreads(2, 10);
        var jobs = new TaskFactory(threads);
        var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var blocked = jobs.StartNew(() => gate.Task.Wait());
        var queued = Enumerable.Range(0, 10)
            .Select(_ => jobs.StartNew(() => JobThreads.IsCurrent))
            .ToList();

        threads.Dispose();
        gate.SetResult();

        await blocked.WaitAsync(TimeSpan.FromSeconds(30));
        Assert.All(await Task.WhenAll(queued).WaitAsync(TimeSpan.FromSeconds(30)), Assert.True);
    }

    /// <summary>This thread's nice value, from <c>/proc/thread-self/stat</c> (field 19).</summary>
    private static int ThreadNiceness()
    {
        var stat = File.ReadAllText("/proc/thread-self/stat");
        var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
        return int.Parse(fields[16], CultureInfo.InvariantCulture);
    }

    // Hangfire runs public methods only; nested, so xunit does not take it for a test.
    public static class RecordingJob
    {
        public static TaskCompletionSource<(bool, int)> Seen { get; set; } = new();

        public static async Task RunAsync()
        {
            await Task.Yield();
            Seen.TrySetResult((JobThreads.IsCurrent, ThreadNiceness()));
        }
    }
}
