using System.Globalization;

namespace IncidentBot.BenchSupport;

/// <summary>Per-round and median figures of an alternating run, and the ratio ours/peer of the p99.</summary>
internal static class RoundReport
{
    /// <param name="otherBuilds">More servers of ours (other builds measured in the same rounds), each compared with the peer too.</param>
    public static void Print(IReadOnlyList<RoundResult> rounds, string ours, string peer, double targetRatio, string cpuNote, params string[] otherBuilds)
    {
        Console.WriteLine();
        Console.WriteLine("| round | server | sent | answered | failures | sent/s | achieved/s | p50 ms | p90 ms | p99 ms | max ms | CPU ms/request | + background |");
        Console.WriteLine("| ---: | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |");
        foreach (var r in rounds)
        {
            Console.WriteLine(Invariant(
                $"| {r.Round} | {r.Server} | {r.Sent} | {r.LatenciesMs.Length} | {r.Failures} | {r.SentRate:F0} | {r.Achieved:F0} | {r.Percentile(50):F1} | {r.Percentile(90):F1} | {r.Percentile(99):F1} | {r.Percentile(100):F1} | {r.CpuMsPerRequest:F2} | {Drain(r)} |"));
        }
        Console.WriteLine();
        Console.WriteLine($"Medians over the rounds ({cpuNote}):");
        Console.WriteLine();
        Console.WriteLine("| server | rounds | answered / sent | p50 ms | p90 ms | p99 ms | pooled p99 ms | achieved/s | CPU ms/request |");
        Console.WriteLine("| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |");
        foreach (var server in (string[])[ours, .. otherBuilds, peer])
        {
            var mine = rounds.Where(r => r.Server == server).ToList();
            if (mine.Count == 0)
                continue;
            Console.WriteLine(Invariant(
                $"| {server} | {mine.Count} | {mine.Sum(r => r.LatenciesMs.Length)} / {mine.Sum(r => r.Sent)} | {Median(mine, 50):F1} | {Median(mine, 90):F1} | {Median(mine, 99):F1} | {Pooled(mine, 99):F1} | {RoundResult.Median(mine.Select(r => r.Achieved)):F0} | {RoundResult.Median(mine.Select(r => r.CpuMsPerRequest)):F2} |"));
        }
        foreach (var server in (string[])[ours, .. otherBuilds])
            PrintRatio(rounds, server, peer, targetRatio);
        var failures = rounds.Sum(r => r.Failures);
        if (failures > 0)
            Console.WriteLine($"{failures} request(s) failed or went unanswered; see the table.");
        foreach (var server in (string[])[ours, .. otherBuilds])
        {
            var mine = rounds.Where(r => r.Server == server && r.Unnumbered is not null).ToList();
            if (mine.Count > 0)
                Console.WriteLine($"{server}: {mine.Sum(r => r.Unnumbered ?? 0)} declare(s) answered without their incident number (spooled or failed).");
        }
    }

    private static void PrintRatio(IReadOnlyList<RoundResult> rounds, string ours, string peer, double targetRatio)
    {
        var ourRounds = rounds.Where(r => r.Server == ours).ToList();
        var peerRounds = rounds.Where(r => r.Server == peer).ToList();
        if (ourRounds.Count == 0 || peerRounds.Count == 0)
            return;
        var ratio = Median(ourRounds, 99) / Median(peerRounds, 99);
        var pooled = Pooled(ourRounds, 99) / Pooled(peerRounds, 99);
        var perRound = string.Join(", ", ourRounds.Zip(peerRounds, (o, p) => Invariant($"{o.Percentile(99) / p.Percentile(99):F2}×")));
        Console.WriteLine();
        Console.WriteLine(Invariant(
            $"p99 ratio {ours}/{peer}: {ratio:F2}× (median of rounds; pooled {pooled:F2}×; per round {perRound}). Target ≤ {targetRatio:0.0#}×: {(ratio <= targetRatio ? "met" : "not met")}."));
    }

    private static string Drain(RoundResult r) =>
        double.IsNaN(r.CpuMsPerRequestWithDrain) ? "—" : Invariant($"{r.CpuMsPerRequestWithDrain:F2} ({r.DrainTime.TotalSeconds:F0} s)");

    private static double Median(IEnumerable<RoundResult> rounds, double p) => RoundResult.Median(rounds.Select(r => r.Percentile(p)));

    private static double Pooled(IEnumerable<RoundResult> rounds, double p) => RoundResult.Percentile([.. rounds.SelectMany(r => r.LatenciesMs)], p);

    public static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
