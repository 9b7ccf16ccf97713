using System.Collections.Concurrent;
using IncidentBot.Dialogs.Work;

namespace IncidentBot.Testing.Fakes;

/// <summary>
/// A job scheduler that only records what it was asked: in the domain's unit tests the test
/// runs due work itself (<see cref="Hosts.DialogsHost.RunDueWorkAsync"/>), as the job server would.
/// </summary>
public sealed class RecordingJobScheduler : IJobScheduler
{
    private readonly ConcurrentQueue<(string WorkspaceId, string WorkItemId, DateTimeOffset RunAt)> _scheduled = new();

    public IReadOnlyList<(string WorkspaceId, string WorkItemId, DateTimeOffset RunAt)> Scheduled => [.. _scheduled];

    public Task ScheduleAsync(string workspaceId, string workItemId, DateTimeOffset runAt, CancellationToken cancellationToken)
    {
        _scheduled.Enqueue((workspaceId, workItemId, runAt));
        return Task.CompletedTask;
    }
}
