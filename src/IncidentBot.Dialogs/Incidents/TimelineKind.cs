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
    /// <summary>An escalation policy was paged (not a change of the incident; no version).</summary>
    Paged,
    /// <summary>Someone acknowledged a page and joined (a change: sets AcknowledgedAt the first time).</summary>
    PageAcknowledged,
    PageEscalated,
    /// <summary>Every step of an escalation policy went unanswered; the fallback channel was told.</summary>
    PageExhausted,
    /// <summary>A report (intake API, e-mail, partner channel) joined the incident; the channel hears of it in the next digest.</summary>
    ReportReceived,
    /// <summary>A trusted flagger's report joined the incident (DSA Art. 22): announced in the channel, never merged silently.</summary>
    TrustedFlaggerReport,

    /// <summary>A legal hold was placed: nothing of the incident expires or is purged until it is released.</summary>
    HoldPlaced,
    HoldReleased,
    /// <summary>The retention job removed the incident's chat side and reports; what it removed is in the event's details.</summary>
    Purged,
}
