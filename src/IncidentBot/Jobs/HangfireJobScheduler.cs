using Hangfire;
using IncidentBot.Dialogs.Work;

namespace IncidentBot.Jobs;

/// <summary>Schedules <see cref="RunWorkJob"/> in Hangfire for a stored work item.</summary>
public sealed class HangfireJobScheduler(IBackgroundJobClient jobs, JobStorage storage, TimeProvider clock) : IJobScheduler
{
    public Task ScheduleAsync(string workspaceId, string workItemId, DateTimeOffset runAt, CancellationToken cancellationToken)
    {
        // A delay rather than an absolute time: Hangfire reads the wall clock, we read TimeProvider.
        var delay = runAt - clock.GetUtcNow();
        if (delay <= TimeSpan.Zero)
            jobs.Enqueue<RunWorkJob>(job => job.RunAsync(workspaceId, workItemId, CancellationToken.None));
        else
            jobs.Schedule<RunWorkJob>(job => job.RunAsync(workspaceId, workItemId, CancellationToken.None), delay);
        return Task.CompletedTask;
    }

    public Task<bool> IsHealthyAsync(CancellationToken cancellationToken)
    {
        var servers = storage.GetMonitoringApi().Servers();
        return Task.FromResult(servers.Count > 0);
    }
}
