using IncidentBot.Dialogs.Work;

namespace IncidentBot.Api;

/// <summary>A work item set aside after failing: what it was, how often it failed, and why.</summary>
public sealed record SetAsideWorkView(
    string Id, string WorkspaceId, string Kind, string TargetId, int Attempts, string? LastError, DateTimeOffset? FailedAt, DateTimeOffset RequestedAt)
{
    public static SetAsideWorkView Of(WorkItem item)
    {
        ArgumentNullException.ThrowIfNull(item);
        return new(item.Id, item.WorkspaceId, item.Kind, item.TargetId, item.Attempts, item.LastError, item.FailedAt, item.RequestedAt);
    }
}
