using IncidentBot.Dialogs.Incidents;

namespace IncidentBot.Dialogs.Reminders;

/// <summary>Where a reminder goes: the incident's channel, or a direct message to one person.</summary>
public readonly record struct ReminderRecipient
{
    private ReminderRecipient(UserId? person) => Person = person;

    /// <summary>The incident's channel; a reminder waits while the incident has none yet.</summary>
    public static ReminderRecipient IncidentChannel { get; } = new(null);

    /// <summary>The person to message directly; null for the incident's channel.</summary>
    public UserId? Person { get; }

    public static ReminderRecipient Direct(UserId person) => new(person);
}
