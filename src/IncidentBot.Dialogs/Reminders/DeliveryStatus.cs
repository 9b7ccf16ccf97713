namespace IncidentBot.Dialogs.Reminders;

public enum DeliveryStatus
{
    /// <summary>Sent by this run and recorded.</summary>
    Sent,
    /// <summary>Recorded as sent before; nothing was done.</summary>
    AlreadySent,
    /// <summary>Another run holds a fresh claim on it; look again at <see cref="DeliveryOutcome{T}.RetryAt"/>.</summary>
    Busy,
    /// <summary>The look found nothing to send; <see cref="DeliveryOutcome{T}.Answer"/> says what to do.</summary>
    Answered,
    /// <summary>The document kept changing under the claim (every try lost its race); look again later.</summary>
    Contended,
}
