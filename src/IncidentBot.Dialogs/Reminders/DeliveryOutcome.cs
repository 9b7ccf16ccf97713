using IncidentBot.Dialogs.Storage;

namespace IncidentBot.Dialogs.Reminders;

/// <summary>What <see cref="ReminderDelivery"/> did, and the document as it now stands (null when it changed under us).</summary>
public sealed record DeliveryOutcome<T>(DeliveryStatus Status, Versioned<T>? Document, DateTimeOffset? RetryAt = null)
    where T : class;
