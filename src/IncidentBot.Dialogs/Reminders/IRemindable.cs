using IncidentBot.Dialogs.Storage;

namespace IncidentBot.Dialogs.Reminders;

/// <summary>A stored document that remembers which of its reminders went out.</summary>
public interface IRemindable<TSelf> : IDocument
    where TSelf : class, IRemindable<TSelf>
{
    IReadOnlyList<SentReminder> Deliveries { get; }

    TSelf WithDeliveries(IReadOnlyList<SentReminder> deliveries);
}
