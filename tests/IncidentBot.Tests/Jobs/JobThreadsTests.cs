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
        var resume = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);

        var seen = Task.Factory.StartNew(async () =>
        {
            var before = (JobThreads.IsCurrent, ThreadNiceness());
            await resume.Task;
            return (Before: before, After: (JobThreads.IsCurrent, ThreadNiceness()));
        }, CancellationToken.None, TaskCreationOptions.None, threads).Unwrap();
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
        var normal = ThreadNiceness();

        var seen = await Task.Factory.StartNew(async () =>
        {
            await JobThreads.LeaveAsync();
            return (JobThreads.IsCurrent, ThreadNiceness(), Thread.CurrentThread.IsThreadPoolThread);
        }, CancellationToken.None, TaskCreationOptions.None, threads).Unwrap();

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
