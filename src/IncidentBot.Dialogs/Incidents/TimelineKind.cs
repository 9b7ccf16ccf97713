namespace IncidentBot.Dialogs.Incidents;

public enum TimelineKind
{
    Declared,
    StatusChanged,
    SeverityChanged,
    RoleAssigned,
    StatusUpdate,
    Note,
    Resolved,
    Closed,
    Reopened,
    Cancelled,
    /// <summary>A chat message added to the timeline with a reaction.</summary>
    MessageAdded,
    ChannelCreated,
    Joined,
    ClockStarted,
    ClockPaused,
    ClockResumed,
    ClockMet,
    ClockBreached,
    PostMortemDue,
    PostMortemDone,
    ActionItemAdded,
    ActionItemDone,
}
