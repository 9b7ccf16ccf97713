namespace IncidentBot.Dialogs.Paging;

/// <summary>Where an escalation is: the step (from 0) in the attempt (0 the first run through the steps, 1 the first repeat…).</summary>
public readonly record struct EscalationPosition(int Step, int Attempt)
{
    public static EscalationPosition First { get; } = new(0, 0);
}
