namespace IncidentBot.Dialogs.Reminders;

/// <summary>One reminder a plan wants sent: a key unique within its document, and when.</summary>
public sealed record PlannedReminder(string Key, DateTimeOffset At);
