using Hangfire;
using Hangfire.Common;
using Hangfire.States;
using IncidentBot.Jobs;
using IncidentBot.Testing.Hosts;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace IncidentBot.Tests.Jobs;

public sealed class HostJobStorageTests
{
    [Fact]
    public async Task The_in_memory_storage_forgets_a_finished_job_after_the_retention()
    {
        using var host = new HostJobStorage(Options.Create(new JobsOptions { FinishedJobRetentionSeconds = 1 }), NullLoggerFactory.Instance);
        // No global filters: this test's job must not meet another host's retry policy or activator.
        var client = new BackgroundJobClient(host.Storage, new JobFilterCollection());
        var id = client.Create(Job.FromExpression(() => FinishedJob.Run()), new SucceededState(result: null, latency: 0, performanceDuration: 0));
        using var connection = host.Storage.GetConnection();
        Assert.NotNull(connection.GetJobData(id));

        // Hangfire keeps a succeeded job for a day unless the storage caps it; the in-memory one evicts every 5 s.
        await BoundedPoll.UntilAsync(_ => Task.FromResult(connection.GetJobData(id)), data => data is null,
            "the finished job to be evicted", TimeSpan.FromSeconds(20));
    }

    [Fact]
    public async Task A_job_whose_retries_are_spent_is_deleted_and_then_forgotten_not_kept_failed()
    {
        var options = new JobsOptions { FinishedJobRetentionSeconds = 1, RetryAttempts = 1 };
        using var host = new HostJobStorage(Options.Create(options), NullLoggerFactory.Instance);
        var filters = new HostJobFilters(JobsRegistration.RetryFilter(options));
        var client = new BackgroundJobClient(host.Storage, filters);
        var id = client.Create(Job.FromExpression(() => FinishedJob.Run()), new EnqueuedState());
        using var connection = host.Storage.GetConnection();
        var states = new BackgroundJobStateChanger(filters);
        var failure = new InvalidOperationException("the store is down");

        // The first failure is retried (scheduled); the second, with the one retry spent, deletes the job.
        states.ChangeState(new StateChangeContext(host.Storage, connection, id, new FailedState(failure)));
        var retried = connection.GetJobData(id).State;
        states.ChangeState(new StateChangeContext(host.Storage, connection, id, new EnqueuedState()));
        states.ChangeState(new StateChangeContext(host.Storage, connection, id, new FailedState(failure)));

        Assert.Equal(ScheduledState.StateName, retried);
        Assert.Equal(DeletedState.StateName, connection.GetJobData(id)?.State);
        await BoundedPoll.UntilAsync(_ => Task.FromResult(connection.GetJobData(id)), data => data is null,
            "the deleted job to be evicted", TimeSpan.FromSeconds(20));
    }

    [Fact]
    public void Finished_jobs_are_kept_a_minute_by_default()
    {
        Assert.Equal(60, new JobsOptions().FinishedJobRetentionSeconds);
    }

    // Hangfire runs public methods only; nested, so xunit does not take it for a test.
    public static class FinishedJob
    {
        public static void Run()
        {
        }
    }
}
