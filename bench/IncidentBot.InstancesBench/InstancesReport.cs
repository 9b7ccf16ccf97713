using System.Globalization;

namespace IncidentBot.InstancesBench;

/// <summary>The tables a run prints: latencies and lateness (nearest-rank percentiles, ms), then what was sent once, twice or never.</summary>
internal static class InstancesReport
{
    /// <summary>Nothing doubled and nothing missing at the deadline: every escalation DMed responder two exactly once.</summary>
    public static bool IsSound(EscalationRound round) => round.Escalations.All(e => e.DmsToSecond == 1 && e.DmsToFirst == 1);

    public static void Print(InstancesOptions options, IReadOnlyList<SentDeclare> steady, IReadOnlyList<double> steadyMs, EscalationRound calm, EscalationRound killed)
    {
        var wait = options.WaitSeconds;
        Console.WriteLine();
        Console.WriteLine("| measure | goal | n | p50 | p95 | p99 | max |");
        Console.WriteLine("| --- | --- | ---: | ---: | ---: | ---: | ---: |");
        Row(I($"1. Declare → first page DM, {options.Rate}/s for {options.Seconds} s alternately to A and B ({steady.Count(s => !s.Answered)} of {steady.Count} not answered)"), "— (one instance, issue 5: p95 ≤ 300 ms)", steadyMs);
        Row(I($"2. Escalation lateness, {options.Pending} pending (peak {calm.PeakPendingAtOnce} at once), during {options.Rate}/s steady load"), "p99 ≤ 1 s", Lateness(calm.Escalations));
        Row("   declare → first page DM of that steady load", "—", calm.LoadLatenciesMs);
        var held = killed.Escalations.Where(e => e.Declare.Instance == EscalationRound.Doomed && e.Due > killed.KilledAt).ToList();
        var dueBeforeKill = killed.Escalations.Count(e => e.Declare.Instance == EscalationRound.Doomed && e.Due <= killed.KilledAt);
        Row(I($"3. Escalation lateness, kill round (peak {killed.PeakPendingAtOnce} pending): the killed instance's (declared through B, due after the kill{(dueBeforeKill > 0 ? I($"; {dueBeforeKill} fell due before it, left out") : "")})"), I($"≤ wait + 2 s (late ≤ 2,000 ms)"), Lateness(held));
        Row("   the survivor's own (declared through A)", "p99 ≤ 1 s", Lateness(killed.Escalations.Where(e => e.Declare.Instance == EscalationRound.Survivor)));
        Row("   declare → first page DM of the steady load (to A only after the kill)", "—", killed.LoadLatenciesMs);
        Console.WriteLine();
        Console.WriteLine(I($"Lateness = responder two's DM at the Slack stand-in − (first page createdAt in the store + {wait} s). Negative = early."));
        Console.WriteLine();
        Console.WriteLine("| round | escalations | SEV2 declares sent in | first page DM once / twice+ / not by the deadline | escalation DM once / twice+ / not by the deadline | doubled (either DM) |");
        Console.WriteLine("| --- | ---: | ---: | --- | --- | ---: |");
        foreach (var round in new[] { calm, killed })
        {
            var e = round.Escalations;
            Console.WriteLine(I(
                $"| {round.Name} | {e.Count} | {round.SeedTime.TotalSeconds:0.0} s | {e.Count(x => x.DmsToFirst == 1)} / {e.Count(x => x.DmsToFirst > 1)} / {e.Count(x => x.DmsToFirst == 0)} | {e.Count(x => x.DmsToSecond == 1)} / {e.Count(x => x.DmsToSecond > 1)} / {e.Count(x => x.DmsToSecond == 0)} | {e.Count(x => x.DmsToFirst > 1 || x.DmsToSecond > 1)} |"));
        }
        foreach (var late in held.Where(e => e.LatenessMs > 2000).OrderByDescending(e => e.LatenessMs).Take(5))
            Console.WriteLine(I($"  over the goal: {late.Declare.Marker} due {late.Due:HH:mm:ss.fff}, escalated {late.EscalatedAt:HH:mm:ss.fff} ({late.LatenessMs / 1000:0.0} s late)"));
        foreach (var lost in killed.Escalations.Concat(calm.Escalations).Where(e => e.DmsToSecond == 0).Take(5))
            Console.WriteLine($"  not escalated by the deadline: {lost.Declare.Marker} (declared through {(lost.Declare.Instance == 0 ? "A" : "B")}, {(lost.Due is null ? "no first page found" : I($"due {lost.Due:HH:mm:ss.fff}"))})");
    }

    private static List<double> Lateness(IEnumerable<Escalation> escalations) =>
        [.. escalations.Select(e => e.LatenessMs).OfType<double>()];

    private static void Row(string measure, string goal, IReadOnlyList<double> values)
    {
        double[] ms = [.. values];
        Array.Sort(ms);
        // Nearest rank, as the other benches report.
        string P(double p) => ms.Length == 0 ? "—" : I($"{ms[Math.Clamp((int)Math.Ceiling(p / 100 * ms.Length) - 1, 0, ms.Length - 1)]:F0} ms");
        Console.WriteLine($"| {measure} | {goal} | {ms.Length} | {P(50)} | {P(95)} | {P(99)} | {P(100)} |");
    }

    private static string I(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
