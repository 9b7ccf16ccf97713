using System.Globalization;
using Microsoft.Diagnostics.Tracing;
using Microsoft.Diagnostics.Tracing.Parsers.Clr;

// How long a running bot's garbage collections stop it, and what a pause is spent on. Take a trace under load, then read it here:
//   dotnet-trace collect -p <pid> --providers Microsoft-Windows-DotNETRuntime:0x1:5 --duration 00:00:00:08 -o gc.nettrace
//   dotnet run -c Release --project bench/IncidentBot.GcPauses -- gc.nettrace
// A pause runs from the runtime's request to suspend the threads to their restart. The runtime also sends one event per
// kind of root marked, so the time between them says how long each kind took (level 4 has them; level 5 adds more).
if (args.Length != 1 || !File.Exists(args[0]))
{
    Console.Error.WriteLine("usage: IncidentBot.GcPauses <trace.nettrace>");
    return 2;
}
using var source = new EventPipeEventSource(args[0]);
var pauses = new List<Pause>();
var marking = new Dictionary<int, List<double>>();
var heaps = new List<GCHeapStatsTraceData>();
double suspendedAt = -1, markedAt = -1;
var generation = -1;
source.Clr.GCSuspendEEStart += e => suspendedAt = e.TimeStampRelativeMSec;
source.Clr.GCStart += e =>
{
    generation = e.Depth;
    markedAt = e.TimeStampRelativeMSec;
};
source.Clr.GCMarkWithType += e =>
{
    if (markedAt < 0)
        return;
    if (!marking.TryGetValue(e.Type, out var took))
        marking[e.Type] = took = [];
    took.Add(e.TimeStampRelativeMSec - markedAt);
    markedAt = e.TimeStampRelativeMSec;
};
source.Clr.GCHeapStats += e => heaps.Add((GCHeapStatsTraceData)e.Clone());
source.Clr.GCRestartEEStop += e =>
{
    // A restart without a collection (a suspension for something else) is not a GC pause.
    if (suspendedAt >= 0 && generation >= 0)
        pauses.Add(new Pause(generation, e.TimeStampRelativeMSec - suspendedAt, e.TimeStampRelativeMSec));
    suspendedAt = markedAt = -1;
    generation = -1;
};
source.Process();
if (pauses.Count == 0)
{
    Console.Error.WriteLine("No collections: was the trace taken with the GC keyword (0x1) of Microsoft-Windows-DotNETRuntime?");
    return 1;
}

var span = pauses.Count > 1 ? pauses[^1].At - pauses[0].At : 0;
var paused = pauses.Sum(p => p.Milliseconds);
Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{pauses.Count} collections over {span / 1000:F1} s; paused {paused:F1} ms ({100 * paused / Math.Max(span, 1):F1} % of the time)"));
foreach (var byGeneration in pauses.GroupBy(p => p.Generation).OrderBy(g => g.Key))
{
    var took = byGeneration.Select(p => p.Milliseconds).Order().ToArray();
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
        $"gen{byGeneration.Key}: {took.Length} ({took.Length / Math.Max(span / 1000, 0.001):F1}/s), pause p50 {At(took, 0.5):F2} ms, p90 {At(took, 0.9):F2}, max {took[^1]:F2}"));
}
if (heaps.Count > 0)
{
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
        $"promoted a collection: {heaps.Average(h => h.TotalPromotedSize0) / 1024:F0} KiB from gen0, {heaps.Average(h => h.TotalPromotedSize1) / 1024:F0} KiB from gen1; gen2 {heaps.Average(h => h.GenerationSize2) / 1048576:F1} MiB"));
}
foreach (var (kind, took) in marking.OrderByDescending(m => m.Value.Sum()))
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"marking {RootKind(kind)}: {took.Sum() / pauses.Count:F3} ms a collection"));
return 0;

static double At(double[] sorted, double quantile) => sorted[Math.Min(sorted.Length - 1, (int)(sorted.Length * quantile))];

// The runtime's GC_ROOT_KIND values.
static string RootKind(int kind) => kind switch
{
    0 => "stacks",
    1 => "finalization queue",
    2 => "handles",
    3 => "older generations (cards)",
    4 => "sized refs",
    5 => "overflow",
    6 => "dependent handles",
    7 => "new finalization queue",
    _ => $"kind {kind}",
};

internal sealed record Pause(int Generation, double Milliseconds, double At);
