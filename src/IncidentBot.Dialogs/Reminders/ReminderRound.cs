using IncidentBot.Dialogs.Incidents;
using IncidentBot.Dialogs.Platform;
using IncidentBot.Dialogs.Storage;

namespace IncidentBot.Dialogs.Reminders;

/// <summary>
/// What one look at a reminder feature's documents found, for <see cref="ReminderRunner"/>: no
/// reminders any more (<see cref="Over"/>), or the document with its plan, its recipient and what to say.
/// </summary>
public sealed class ReminderRound<T>
    where T : class, IRemindable<T>
{
    private ReminderRound()
    {
    }

    private ReminderRound(Incident incident, Versioned<T> document, IEnumerable<PlannedReminder> plan, ReminderRecipient recipient,
        Func<DueReminders, DateTimeOffset, ChatMessage> message)
    {
        Incident = incident;
        Document = document;
        Plan = plan;
        Recipient = recipient;
        Message = message;
    }

    /// <summary>Nothing to remind: the document or incident is gone, or the reminders no longer apply.</summary>
    public static ReminderRound<T> Over { get; } = new();

    /// <summary>True when there is a document to remind about.</summary>
    public bool IsReady => Document is not null;

    /// <summary>The incident the reminder is about: its platform carries the message, its channel receives channel reminders.</summary>
    public Incident? Incident { get; }

    /// <summary>The document that records which reminders went out, as read (its ETag guards the claim).</summary>
    public Versioned<T>? Document { get; }

    /// <summary>The document's reminders in time order, possibly endless (read lazily).</summary>
    public IEnumerable<PlannedReminder> Plan { get; } = [];

    public ReminderRecipient Recipient { get; }

    /// <summary>The text of the due reminder, given the time the runner decided it was due.</summary>
    public Func<DueReminders, DateTimeOffset, ChatMessage>? Message { get; }

    public static ReminderRound<T> Ready(Incident incident, Versioned<T> document, IEnumerable<PlannedReminder> plan,
        ReminderRecipient recipient, Func<DueReminders, DateTimeOffset, ChatMessage> message)
    {
        ArgumentNullException.ThrowIfNull(incident);
        ArgumentNullException.ThrowIfNull(document);
        ArgumentNullException.ThrowIfNull(plan);
        ArgumentNullException.ThrowIfNull(message);
        return new(incident, document, plan, recipient, message);
    }
}
