namespace IncidentBot.Dialogs.Storage;

/// <summary>
/// A stored item. Every document lives in the partition of its workspace
/// (<c>/workspaceId</c>) and says what it is in <see cref="Type"/>, so one container holds
/// incidents, timeline events, pages and counters side by side.
/// </summary>
public interface IDocument
{
    string Id { get; }

    string WorkspaceId { get; }

    string Type { get; }
}
