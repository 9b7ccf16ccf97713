namespace IncidentBot.Dialogs.Work;

/// <summary>A job asked for: run the stored work item <paramref name="WorkItemId"/> at <paramref name="RunAt"/>.</summary>
public readonly record struct WorkJob(string WorkspaceId, string WorkItemId, DateTimeOffset RunAt);
