namespace IncidentBot.Dialogs.Work;

/// <summary>Work a change asks for: a kind, the document it is about, and when (null: now).</summary>
public readonly record struct WorkRequest(string Kind, string TargetId, DateTimeOffset? DueAt = null);
