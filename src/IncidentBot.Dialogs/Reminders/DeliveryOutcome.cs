using IncidentBot.Dialogs.Storage;
using IncidentBot.Dialogs.Work;

namespace IncidentBot.Dialogs.Reminders;

/// <summary>What <see cref="ReminderDelivery"/> did, and the document as it now stands (null when gone or not looked at).</summary>
public sealed record DeliveryOutcome<T>(DeliveryStatus Status, Versioned<T>? Document, DateTimeOffset? RetryAt = null, WorkOutcome? Answer = null)
    where T : class;
