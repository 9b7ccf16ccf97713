using System.Globalization;
using Microsoft.Diagnostics.Tracing;
using Microsoft.Diagnostics.Tracing.Etlx;

// Where a running bot's threads wait for locks, by the stack that waited. Take a trace under load, then read it here:
//   dotnet-trace collect -p <pid> --providers Microsoft-Windows-DotNETRuntime:0x4000:4 --duration 00:00:00:30 -o locks.nettrace
//   dotnet run -c Release --project bench/IncidentBot.LockWaits -- locks.nettrace [shortest-wait-ms=3] [stacks=12]
// Each contended lock entry sends a start event, with its stack, and a stop event with how long it waited. A wait of
// milliseconds on a lock held for microseconds means its holder was not running: preempted, or at a lower priority.
if (args.Length is < 1 or > 3 || !File.Exists(args[0]))
{
    Console.Error.WriteLine("usage: IncidentBot.LockWaits <trace.nettrace> [shortest-wait-ms] [stacks]");
    return 2;
}
var shortest = args.Length > 1 ? double.Parse(args[1], CultureInfo.InvariantCulture) : 3;
var shown = args.Length > 2 ? int.Parse(args[2], CultureInfo.InvariantCulture) : 12;

using var log = new TraceLog(TraceLog.CreateFromEventPipeDataFile(args[0]));
var started = new Dictionary<int, TraceEvent>();
var byStack = new Dictionary<string, Waits>();
double first = double.MaxValue, last = 0, all = 0;
var count = 0;
foreach (var e in log.Events)
{
    if (e.EventName == "Contention/Start")
    {
        started[e.ThreadID] = e.Clone();
        continue;
    }
    if (e.EventName != "Contention/Stop" || !started.Remove(e.ThreadID, out var start))
        continue;
    var waited = Convert.ToDouble(e.PayloadByName("DurationNs"), CultureInfo.InvariantCulture) / 1e6;
    first = Math.Min(first, e.TimeStampRelativeMSec);
    last = Math.Max(last, e.TimeStampRelativeMSec);
    all += waited;
    count++;
    if (waited < shortest)
        continue;
    var stack = Frames(start.CallStack());
    byStack[stack] = byStack.GetValueOrDefault(stack) + waited;
}
if (count == 0)
{
    Console.Error.WriteLine("No contention: was the trace taken with the contention keyword (0x4000) of Microsoft-Windows-DotNETRuntime?");
    return 1;
}

var seconds = Math.Max((last - first) / 1000, 0.001);
Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
    $"{count} contended entries over {seconds:F1} s ({count / seconds:F0}/s), {all / seconds:F1} ms of waiting a second; those of {shortest} ms or more, by stack:"));
foreach (var (stack, waits) in byStack.OrderByDescending(s => s.Value.Milliseconds).Take(shown))
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"\n{waits.Count} waits, {waits.Milliseconds:F0} ms in all\n    {stack}"));
return 0;

// Frames from the waiting one outward; the runtime's own frames of the wait are kept, they say which lock it was.
static string Frames(TraceCallStack? stack)
{
    var frames = new List<string>();
    for (var frame = stack; frame is not null && frames.Count < 14; frame = frame.Caller)
    {
        var name = frame.CodeAddress.FullMethodName;
        frames.Add(string.IsNullOrEmpty(name) ? frame.CodeAddress.ModuleName + "!?" : name);
    }
    return frames.Count == 0 ? "(no stack)" : string.Join("\n    ", frames);
}

internal readonly record struct Waits(int Count, double Milliseconds)
{
    public static Waits operator +(Waits waits, double milliseconds) => new(waits.Count + 1, waits.Milliseconds + milliseconds);
}
