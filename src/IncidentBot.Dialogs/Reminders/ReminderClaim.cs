namespace IncidentBot.Dialogs.Reminders;

/// <summary>
/// The claim step's decision inside <see cref="ReminderDelivery"/>: the document as claimed and
/// its claim entry, or the outcome to answer without sending.
/// </summary>
internal sealed record ReminderClaim<T>(ReminderTurn<T> Turn, DeliveryOutcome<T>? Skipped, T? Claimed, SentReminder? Entry)
    where T : class, IRemindable<T>
{
    public static ReminderClaim<T> Skip(ReminderTurn<T> turn, DeliveryOutcome<T> outcome) => new(turn, outcome, null, null);
}
