using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using IncidentBot.Dialogs.Paging;

namespace IncidentBot.Dialogs.Tests.Paging;

public sealed class EscalationPlanTests
{
    private static EscalationPolicy Escalation(int steps, int repeats) => new(
        "tns-incident", "T&S incident",
        [.. Enumerable.Range(0, steps).Select(i => new EscalationStep(StepTarget.OnCall($"r{i}"), TimeSpan.FromMinutes(5 * (i + 1))))],
        repeats, null);

    [Fact]
    public void Steps_run_in_order_then_repeat_from_the_first_then_stop()
    {
        var policy = Escalation(3, 1);
        var positions = new List<EscalationPosition> { EscalationPosition.First };
        while (EscalationPlan.Next(policy, positions[^1]) is { } next)
            positions.Add(next);

        Assert.Equal([new(0, 0), new(1, 0), new(2, 0), new(0, 1), new(1, 1), new(2, 1)], positions);
    }

    [Fact]
    public void A_single_step_without_repeats_is_exhausted_after_one_page()
    {
        Assert.Null(EscalationPlan.Next(Escalation(1, 0), EscalationPosition.First));
    }

    [Fact]
    public void Page_numbers_count_across_repeats()
    {
        var policy = Escalation(3, 2);

        Assert.Equal(9, EscalationPlan.TotalPages(policy));
        Assert.Equal(1, EscalationPlan.Ordinal(policy, EscalationPosition.First));
        Assert.Equal(5, EscalationPlan.Ordinal(policy, new EscalationPosition(1, 1)));
        Assert.Equal(9, EscalationPlan.Ordinal(policy, new EscalationPosition(2, 2)));
    }

    [Fact]
    public void Exhaustion_comes_after_every_wait_of_every_repeat()
    {
        // Waits 5 + 10 + 15 minutes, twice.
        Assert.Equal(TimeSpan.FromMinutes(60), EscalationPlan.TimeToExhaustion(Escalation(3, 1)));
    }

    [Property(MaxTest = 200)]
    public void Following_next_visits_every_page_once_in_order(PositiveInt steps, NonNegativeInt repeats)
    {
        var policy = Escalation(Math.Min(steps.Get, 8), Math.Min(repeats.Get, 5));
        var seen = new List<int> { EscalationPlan.Ordinal(policy, EscalationPosition.First) };
        for (var at = EscalationPosition.First; EscalationPlan.Next(policy, at) is { } next; at = next)
            seen.Add(EscalationPlan.Ordinal(policy, next));

        Assert.Equal(Enumerable.Range(1, EscalationPlan.TotalPages(policy)), seen);
    }
}
