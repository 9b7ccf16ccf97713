namespace IncidentBot.Dialogs.Reminders;

public enum DeliveryStatus
{
    /// <summary>Sent by this run and recorded.</summary>
    Sent,
    /// <summary>Recorded as sent before; nothing was done.</summary>
    AlreadySent,
    /// <summary>Another run holds a fresh claim on it; look again at <see cref="DeliveryOutcome{T}.RetryAt"/>.</summary>
    Busy,
    /// <summary>The document changed before the claim; re-read it and decide again.</summary>
    Changed,
}
