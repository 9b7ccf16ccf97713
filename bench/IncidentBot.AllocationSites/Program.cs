using System.Globalization;
using Microsoft.Diagnostics.Tracing.Etlx;
using Microsoft.Diagnostics.Tracing.Parsers.Clr;

// Where a running bot's bytes are allocated. Take a trace of the process while it is under load, then read it here:
//   dotnet-trace collect -p <pid> --profile gc-verbose --duration 00:00:00:06 -o alloc.nettrace
//   dotnet run -c Release --project bench/IncidentBot.AllocationSites -- alloc.nettrace [rows, default 40]
// The runtime samples an allocation about every 100 KB (GCAllocationTick); each sample is counted with its amount, so
// the shares are of bytes. Printed: by type; by each of our methods on the stack (inclusive); by site, i.e. the type
// with the first of our frames above it and the three frames nearest the allocation.
if (args.Length is 0 or > 2 || !File.Exists(args[0]))
{
    Console.Error.WriteLine("usage: IncidentBot.AllocationSites <trace.nettrace> [rows]");
    return 2;
}
var rows = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 40;
using var log = new TraceLog(TraceLog.CreateFromEventPipeDataFile(args[0]));
var byType = new Dictionary<string, long>();
var byFrame = new Dictionary<string, long>();
var bySite = new Dictionary<string, long>();
long total = 0;
double first = double.MaxValue, last = 0;
// TraceEvents is enumerable only as TraceEvent (its non-generic enumerator is not implemented), so no OfType here.
foreach (var traced in log.Events)
{
    if (traced is not GCAllocationTickTraceData sample)
        continue;
    first = Math.Min(first, sample.TimeStampRelativeMSec);
    last = Math.Max(last, sample.TimeStampRelativeMSec);
    var amount = sample.AllocationAmount64;
    var type = sample.TypeName ?? "?";
    total += amount;
    Add(byType, type, amount);
    var frames = new List<string>();
    for (var frame = sample.CallStack(); frame is not null; frame = frame.Caller)
    {
        if (!string.IsNullOrEmpty(frame.CodeAddress.FullMethodName))
            frames.Add(frame.CodeAddress.FullMethodName);
    }
    foreach (var ours in frames.Where(IsOurs).Distinct())
        Add(byFrame, ours, amount);
    var site = $"{type} @ {frames.FirstOrDefault(IsOurs) ?? "(none of ours)"} <= {string.Join(" <= ", frames.Take(3))}";
    Add(bySite, site, amount);
}
if (total == 0)
{
    Console.Error.WriteLine("No allocation samples: was the trace taken with --profile gc-verbose?");
    return 1;
}
Console.WriteLine($"{total / 1e6:F1} MB sampled over {(last - first) / 1000:F1} s");
Print("By type", byType);
Print("By our method on the stack (inclusive)", byFrame);
Print("By site", bySite);
return 0;

void Print(string title, Dictionary<string, long> shares)
{
    Console.WriteLine($"== {title}");
    foreach (var (name, bytes) in shares.OrderByDescending(s => s.Value).Take(rows))
        Console.WriteLine($"{100.0 * bytes / total,6:F1} %  {name}");
}

static void Add(Dictionary<string, long> shares, string key, long amount) => shares[key] = shares.GetValueOrDefault(key) + amount;

static bool IsOurs(string method) => method.StartsWith("IncidentBot", StringComparison.Ordinal);
