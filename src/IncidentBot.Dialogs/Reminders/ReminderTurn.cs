using IncidentBot.Dialogs.Storage;
using IncidentBot.Dialogs.Work;

namespace IncidentBot.Dialogs.Reminders;

/// <summary>
/// What one look at a reminder's documents found, on fresh reads: the due reminder of a document
/// and how to send it, or the answer to give without sending (gone, nothing due, waiting for a channel).
/// </summary>
public sealed record ReminderTurn<T>
    where T : class, IRemindable<T>
{
    private ReminderTurn()
    {
    }

    /// <summary>Set when there is nothing to send now.</summary>
    public WorkOutcome? Answer { get; private init; }

    public Versioned<T>? Document { get; private init; }

    public DueReminders? Due { get; private init; }

    /// <summary>Sends the reminder and returns the platform's message id, if any.</summary>
    public Func<CancellationToken, Task<string?>>? Send { get; private init; }

    public static ReminderTurn<T> Answered(WorkOutcome answer) => new() { Answer = answer };

    public static ReminderTurn<T> Deliver(Versioned<T> document, DueReminders due, Func<CancellationToken, Task<string?>> send) =>
        new() { Document = document, Due = due, Send = send };
}
