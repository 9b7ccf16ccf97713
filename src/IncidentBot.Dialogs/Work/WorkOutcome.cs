namespace IncidentBot.Dialogs.Work;

/// <summary>What a handler reports: finished, or come back at a later time (the next escalation step).</summary>
public sealed record WorkOutcome(DateTimeOffset? RunAgainAt)
{
    public static WorkOutcome Done { get; } = new((DateTimeOffset?)null);

    public static WorkOutcome RunAgain(DateTimeOffset at) => new(at);
}
