using IncidentBot.Dialogs.Work;

namespace IncidentBot.Jobs;

/// <summary>
/// Hangfire queues, in the order workers take from them: urgent work (<see cref="WorkUrgency"/>)
/// before everything else, so paging and clock alerts do not wait behind a backlog of bulk work.
/// </summary>
public static class JobQueues
{
    public const string Urgent = "urgent";

    public const string Default = "default";

    public static string[] InOrder => [Urgent, Default];

    public static string For(string workItemId) => WorkUrgency.IsUrgent(workItemId) ? Urgent : Default;
}
