using System.Collections;
using System.Diagnostics;
using System.Globalization;
using System.Reflection;
using System.Runtime.CompilerServices;

namespace IncidentBot.IntakeBench;

/// <summary>
/// Reads the per-report stage times and the write gate's and checkpointer's times of a bot built with
/// <c>trace.patch</c> applied (<c>git apply bench/IncidentBot.IntakeBench/trace.patch</c>, then run with
/// TAIL13_TRACE=1). The patch is not merged: it adds work to every write. By reflection, so the bench
/// still runs any other build, and prints nothing then.
/// </summary>
internal static class BotTrace
{
    private static readonly Type? Intake = Type.GetType("IncidentBot.Dialogs.Intake.IntakeTrace, IncidentBot.Dialogs");
    private static readonly Type? Store = Type.GetType("IncidentBot.Storage.Embedded.StoreTrace, IncidentBot");

    private static bool IsOn => Environment.GetEnvironmentVariable("TAIL13_TRACE") == "1" && Intake is not null && Store is not null;

    public static void Describe(List<(double Due, double Latency, string ExternalId)> samples, long startedAt, TimeSpan elapsed)
    {
        if (!IsOn || samples.Count < 100)
            return;
        double Ms(long ticks) => ticks * 1000.0 / Stopwatch.Frequency;
        double At(long timestamp) => (timestamp - startedAt) / (double)Stopwatch.Frequency;
        var end = startedAt + (long)(elapsed.TotalSeconds * Stopwatch.Frequency);

        var reports = (IDictionary)Intake!.GetField("Reports")!.GetValue(null)!;
        var sorted = samples.Select(s => s.Latency).Order().ToList();
        var p99 = sorted[(int)Math.Ceiling(0.99 * sorted.Count) - 1];
        var p50 = sorted[sorted.Count / 2];
        void Stages(string what, IEnumerable<(double Due, double Latency, string ExternalId)> chosen)
        {
            var rows = chosen.Select(s => (s, t: (long[]?)reports[s.ExternalId])).Where(x => x.t is { } t && t[3] != 0).ToList();
            if (rows.Count == 0)
                return;
            double Mean(Func<((double Due, double Latency, string ExternalId) s, long[] t), double> f) => rows.Average(x => f((x.s, x.t!)));
            var joins = rows.Where(x => x.t![6] == 0 && x.t[4] != 0).ToList();
            var joinPart = joins.Count == 0 ? "" : string.Create(CultureInfo.InvariantCulture,
                $"; joins: waiting for the line {joins.Average(x => Ms(x.t![4] - x.t[2])):0.0}, group write {joins.Average(x => Ms(x.t![3] - x.t[4])):0.0}, group size {joins.Average(x => x.t![5]):0.0}");
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"    {what} (n={rows.Count}, {rows.Count(x => x.t![6] == 1)} opening): mean ms before the recorder {Mean(x => At(x.t[0]) * 1000 - x.s.Due * 1000):0.0}, repeat read {Mean(x => Ms(x.t[1] - x.t[0])):0.0}, find {Mean(x => Ms(x.t[2] - x.t[1])):0.0}, join/open {Mean(x => Ms(x.t[3] - x.t[2])):0.0}, after {Mean(x => x.s.Latency - (At(x.t[3]) * 1000 - x.s.Due * 1000)):0.0}; rounds>1 {rows.Count(x => x.t![7] > 1)}{joinPart}"));
        }
        Console.WriteLine("  traced stages:");
        Stages("all", samples);
        Stages("p45-p55", samples.Where(s => s.Latency >= sorted[(int)(sorted.Count * 0.45)] && s.Latency <= sorted[(int)(sorted.Count * 0.55)]));
        Stages("above p99", samples.Where(s => s.Latency > p99));
        _ = p50;

        var writes = ((IEnumerable)Store!.GetField("Writes")!.GetValue(null)!).Cast<ITuple>()
            .Select(t => (Asked: (long)t[0]!, Granted: (long)t[1]!, Released: (long)t[2]!, Commit: (long)t[3]!, Urgent: (bool)t[4]!, Ops: (int)t[5]!))
            .Where(w => w.Asked >= startedAt && w.Asked <= end).ToList();
        var checkpoints = ((IEnumerable)Store.GetField("Checkpoints")!.GetValue(null)!).Cast<ITuple>()
            .Select(t => (Start: (long)t[0]!, End: (long)t[1]!, Frames: (int)t[2]!, Copied: (int)t[3]!))
            .Where(c => c.Start >= startedAt && c.Start <= end).ToList();
        static string Dist(List<double> values)
        {
            if (values.Count == 0)
                return "none";
            values.Sort();
            double P(double q) => values[Math.Min(values.Count - 1, (int)Math.Ceiling(q * values.Count) - 1)];
            return string.Create(CultureInfo.InvariantCulture, $"p50 {P(0.5):0.00} p99 {P(0.99):0.0} max {values[^1]:0.0}");
        }
        foreach (var urgent in new[] { true, false })
        {
            var some = writes.Where(w => w.Urgent == urgent).ToList();
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"  store writes ({(urgent ? "urgent" : "background")}): {some.Count} ({some.Count(w => w.Ops > 1)} transactions); gate wait ms {Dist([.. some.Select(w => Ms(w.Granted - w.Asked))])}; " +
                $"held ms {Dist([.. some.Select(w => Ms(w.Released - w.Granted))])}; commit ms {Dist([.. some.Where(w => w.Commit > 0).Select(w => Ms(w.Commit))])}; " +
                $"held {some.Sum(w => Ms(w.Released - w.Granted)) / elapsed.TotalMilliseconds:P0} of the round"));
        }
        foreach (var w in writes.Where(w => Ms(w.Released - w.Granted) > 15).Take(12))
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"    long hold at {At(w.Granted):0.000} s: {Ms(w.Released - w.Granted):0.0} ms (commit {Ms(w.Commit):0.0}, waited {Ms(w.Granted - w.Asked):0.0}, {(w.Urgent ? "urgent" : "background")})"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"  checkpoints: {checkpoints.Count}, ms {Dist([.. checkpoints.Select(c => Ms(c.End - c.Start))])}, log frames max {(checkpoints.Count == 0 ? 0 : checkpoints.Max(c => c.Frames))}, incomplete {checkpoints.Count(c => c.Copied < c.Frames)}"));
        // Does a slow commit coincide with a checkpoint (its fsyncs and page copies) on the other connection?
        bool During((long Asked, long Granted, long Released, long Commit, bool Urgent, int Ops) w) => checkpoints.Any(c => c.Start < w.Released && c.End > w.Granted);
        var committed = writes.Where(w => w.Commit > 0).ToList();
        var slow = committed.Where(w => Ms(w.Commit) > 10).ToList();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"  commits during a checkpoint: {committed.Count(During)} of {committed.Count} ({(committed.Count == 0 ? 0 : committed.Count(During) / (double)committed.Count):P0}); of the {slow.Count} commits over 10 ms: {slow.Count(During)}; checkpoints busy {checkpoints.Sum(c => Ms(c.End - c.Start)) / elapsed.TotalMilliseconds:P0} of the round; commit ms during a checkpoint {Dist([.. committed.Where(During).Select(w => Ms(w.Commit))])}, outside {Dist([.. committed.Where(w => !During(w)).Select(w => Ms(w.Commit))])}"));
        foreach (var c in checkpoints.Where(c => Ms(c.End - c.Start) > 15).Take(8))
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"    long checkpoint at {At(c.Start):0.000} s: {Ms(c.End - c.Start):0.0} ms, {c.Copied}/{c.Frames} frames"));
        // Late windows: the 100 ms of planned send time with the worst p99 of latency, against what held the gate then.
        var worst = samples.GroupBy(s => (int)(s.Due * 10)).Select(g => (Window: g.Key / 10.0, Max: g.Max(s => s.Latency))).OrderByDescending(g => g.Max).Take(3);
        foreach (var (window, max) in worst)
        {
            var inWindow = writes.Where(w => At(w.Granted) >= window - 0.2 && At(w.Granted) < window + 0.1 + max / 1000).ToList();
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"    worst window {window:0.0} s (max {max:0} ms): gate held {inWindow.Sum(w => Ms(w.Released - w.Granted)):0} ms in {inWindow.Count} writes over the {300 + max:0} ms around it, longest {(inWindow.Count == 0 ? 0 : inWindow.Max(w => Ms(w.Released - w.Granted))):0.0} ms"));
        }
    }
}
