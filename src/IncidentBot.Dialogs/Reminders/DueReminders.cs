namespace IncidentBot.Dialogs.Reminders;

/// <summary>The reminder to send now, and the earlier due ones it stands in for.</summary>
public sealed record DueReminders(PlannedReminder Latest, IReadOnlyList<PlannedReminder> Superseded);
