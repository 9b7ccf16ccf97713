namespace IncidentBot.Dialogs.Paging;

/// <summary>The arithmetic of steps and repeats, kept apart from time and storage.</summary>
public static class EscalationPlan
{
    /// <summary>The position after <paramref name="current"/>, or null when the policy is exhausted.</summary>
    public static EscalationPosition? Next(EscalationPolicy policy, EscalationPosition current)
    {
        if (current.Step + 1 < policy.Steps.Count)
            return current with { Step = current.Step + 1 };
        if (current.Attempt < policy.Repeats)
            return new EscalationPosition(0, current.Attempt + 1);
        return null;
    }

    /// <summary>How many pages the policy sends when nobody answers: steps × (1 + repeats).</summary>
    public static int TotalPages(EscalationPolicy policy) => policy.Steps.Count * (1 + policy.Repeats);

    /// <summary>The page number (from 1) of a position, for "page 3 of 6".</summary>
    public static int Ordinal(EscalationPolicy policy, EscalationPosition position) =>
        position.Attempt * policy.Steps.Count + position.Step + 1;

    /// <summary>How long after the first page the policy is exhausted if nobody answers.</summary>
    public static TimeSpan TimeToExhaustion(EscalationPolicy policy) =>
        TimeSpan.FromTicks(policy.Steps.Sum(s => s.Wait.Ticks) * (1 + policy.Repeats));

    public static EscalationStep StepAt(EscalationPolicy policy, EscalationPosition position) => policy.Steps[position.Step];
}
