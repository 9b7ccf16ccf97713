namespace IncidentBot.Dialogs.Work;

/// <summary>What a handler reports: finished, or come back at a later time (the next escalation step).</summary>
public sealed record WorkOutcome(DateTimeOffset? RunAgainAt)
{
    public static WorkOutcome Done { get; } = new((DateTimeOffset?)null);

    /// <summary>
    /// Another run in this process has taken this item's work and records the item itself (a digest round): the
    /// dispatcher leaves the item as it is. Should that run die first, the item is still stored and overdue, and the
    /// reconciler's sweep schedules it again.
    /// </summary>
    public static WorkOutcome TakenByAnotherRun { get; } = new((DateTimeOffset?)null) { LeavesItem = true };

    /// <summary>Whether the dispatcher leaves the item alone (<see cref="TakenByAnotherRun"/>).</summary>
    public bool LeavesItem { get; private init; }

    public static WorkOutcome RunAgain(DateTimeOffset at) => new(at);
}
