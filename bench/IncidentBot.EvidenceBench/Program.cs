using System.Buffers;
using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using IncidentBot.Dialogs.Evidence;
using IncidentBot.Dialogs.Storage;
using IncidentBot.EvidenceBench;

// Evidence ledger benchmark (issue 15), three figures:
//   1. ledger cost per change: CPU and bytes of one typical entry, beside today's timeline event document;
//   2. export of an incident with N entries to a forward-only stream: time, allocations, peak managed heap (flat?);
//   3. verification rate of that export, zip and all (target ≥ 100,000 entries/s), and of the ledger lines alone.
// dotnet run -c Release --project bench/IncidentBot.EvidenceBench -- [entries=100000] [runs=5]
// dotnet run -c Release --project bench/IncidentBot.EvidenceBench -- http [entries=100000]: the export and its check over HTTP
if (args is ["http", ..])
{
    var largest = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 100_000;
    Console.WriteLine($"IncidentBot evidence benchmark over HTTP · {Environment.ProcessorCount} cores · .NET {Environment.Version} · {DateTime.UtcNow:yyyy-MM-dd} · load {LoadAverage()}");
    await HttpExport.RunAsync([largest / 10, largest]);
    return;
}

var entries = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 100_000;
var runs = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 5;
Console.WriteLine($"IncidentBot evidence benchmark · {Environment.ProcessorCount} cores · .NET {Environment.Version} · {DateTime.UtcNow:yyyy-MM-dd} · load {LoadAverage()}");

MeasureEntryCost(200_000);
foreach (var count in new[] { entries / 10, entries, entries * 3 }.Distinct())
    await MeasureExportAsync(count);
await MeasureVerificationAsync(entries, runs);

static void MeasureEntryCost(int count)
{
    var head = LedgerHead.Empty;
    for (var i = 0; i < 20_000; i++)
        head = TypicalChanges.Next(head, i).Head; // warm-up

    head = LedgerHead.Empty;
    var lineBytes = 0L;
    var lines = new ArrayBufferWriter<byte>(1024);
    var cpu = Process.GetCurrentProcess().TotalProcessorTime;
    var allocated = GC.GetAllocatedBytesForCurrentThread();
    var started = Stopwatch.GetTimestamp();
    for (var i = 0; i < count; i++)
        head = TypicalChanges.Next(head, i).Head;
    var elapsed = Stopwatch.GetElapsedTime(started);
    var allocatedPerEntry = (GC.GetAllocatedBytesForCurrentThread() - allocated) / (double)count;
    var cpuPerEntry = (Process.GetCurrentProcess().TotalProcessorTime - cpu).TotalMicroseconds / count;

    head = LedgerHead.Empty;
    for (var i = 0; i < 600; i++)
    {
        var entry = TypicalChanges.Next(head, i);
        head = entry.Head;
        lines.ResetWrittenCount();
        LedgerLine.Write(entry, lines);
        lineBytes += lines.WrittenCount;
    }
    var note = TypicalChanges.Next(LedgerHead.Empty, 2);
    var noteLine = LedgerLine.ToCanonicalBytes(note).Length;
    var noteStored = JsonSerializer.SerializeToUtf8Bytes(note, DocumentJson.Options).Length;
    var timeline = JsonSerializer.SerializeToUtf8Bytes(TypicalChanges.TimelineNote(), DocumentJson.Options).Length;

    for (var i = 0; i < 20_000; i++)
        JsonSerializer.SerializeToUtf8Bytes(TypicalChanges.TimelineNote(), DocumentJson.Options); // warm-up
    var timelineCpu = Process.GetCurrentProcess().TotalProcessorTime;
    var timelineStarted = Stopwatch.GetTimestamp();
    for (var i = 0; i < count; i++)
        JsonSerializer.SerializeToUtf8Bytes(TypicalChanges.TimelineNote(), DocumentJson.Options);
    var timelinePerWrite = Stopwatch.GetElapsedTime(timelineStarted).TotalMicroseconds / count;
    var timelineCpuPerWrite = (Process.GetCurrentProcess().TotalProcessorTime - timelineCpu).TotalMicroseconds / count;

    Console.WriteLine();
    Console.WriteLine($"## Ledger cost per change ({count:N0} typical entries, chained)");
    Console.WriteLine($"  make one entry (canonical JSON + SHA-256): {elapsed.TotalMicroseconds / count:F2} µs wall, {cpuPerEntry:F2} µs CPU, {allocatedPerEntry:F0} B allocated");
    Console.WriteLine($"  ledger.jsonl line: {lineBytes / 600.0:F0} B on average; a note {noteLine} B, the same entry as the store would serialise it {noteStored} B");
    Console.WriteLine($"  today's write for that note: timeline event document {timeline} B, serialised in {timelinePerWrite:F2} µs wall, {timelineCpuPerWrite:F2} µs CPU");
}

static async Task MeasureExportAsync(int count)
{
    // A warm-up export, then a clean heap, so the figure is the export's own.
    await EvidencePackage.WriteAsync(new DiscardingStream(), Content(1000, null), TypicalChanges.Start, CancellationToken.None);
    GC.Collect(2, GCCollectionMode.Forced, blocking: true, compacting: true);
    var baseline = GC.GetTotalMemory(forceFullCollection: true);
    var peak = baseline;
    var output = new DiscardingStream();
    var allocated = GC.GetTotalAllocatedBytes(precise: true);
    var cpu = Process.GetCurrentProcess().TotalProcessorTime;
    var started = Stopwatch.GetTimestamp();

    await EvidencePackage.WriteAsync(output, Content(count, _ => peak = Math.Max(peak, GC.GetTotalMemory(false))), TypicalChanges.ExportedAt(count), CancellationToken.None);

    var elapsed = Stopwatch.GetElapsedTime(started);
    var cpuTime = Process.GetCurrentProcess().TotalProcessorTime - cpu;
    var allocatedBytes = GC.GetTotalAllocatedBytes(precise: true) - allocated;
    var info = GC.GetGCMemoryInfo(GCKind.Any);
    Console.WriteLine();
    Console.WriteLine($"## Export, {count:N0} entries made as they are written, to a forward-only stream");
    Console.WriteLine($"  {elapsed.TotalSeconds:F2} s wall, {cpuTime.TotalSeconds:F2} s CPU ({count / elapsed.TotalSeconds:N0} entries/s, entry making included); zip {output.Length / 1024.0 / 1024.0:F1} MiB ({output.Length / (double)count:F0} B/entry)");
    Console.WriteLine($"  managed heap: {baseline / 1024.0 / 1024.0:F1} MiB before, peak sampled {peak / 1024.0 / 1024.0:F1} MiB (+{(peak - baseline) / 1024.0 / 1024.0:F1} MiB); allocated {allocatedBytes / 1024.0 / 1024.0:F0} MiB in all ({allocatedBytes / (double)count:F0} B/entry); process working set {Environment.WorkingSet / 1024.0 / 1024.0:F0} MiB; last GC heap {info.HeapSizeBytes / 1024.0 / 1024.0:F1} MiB");
}

static async Task MeasureVerificationAsync(int count, int runs)
{
    var path = Path.Combine(Path.GetTempPath(), $"evidence-bench-{Environment.ProcessId}.zip");
    try
    {
        await using (var file = File.Create(path))
            await EvidencePackage.WriteAsync(file, Content(count, null), TypicalChanges.ExportedAt(count), CancellationToken.None);
        var jsonLines = new MemoryStream();
        await foreach (var entry in TypicalChanges.StreamAsync(count))
            LedgerLine.Write(entry, new StreamBufferWriter(jsonLines));

        var zipRates = new List<double>();
        var zipCpuRates = new List<double>();
        var lineRates = new List<double>();
        EvidenceVerification? last = null;
        for (var run = 0; run < runs + 1; run++) // the first run warms up
        {
            var cpu = Process.GetCurrentProcess().TotalProcessorTime;
            var started = Stopwatch.GetTimestamp();
            await using (var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 64 * 1024, FileOptions.Asynchronous))
                last = await EvidenceVerifier.VerifyAsync(file, CancellationToken.None);
            var zipSeconds = Stopwatch.GetElapsedTime(started).TotalSeconds;
            var zipCpuSeconds = (Process.GetCurrentProcess().TotalProcessorTime - cpu).TotalSeconds;

            jsonLines.Position = 0;
            started = Stopwatch.GetTimestamp();
            var lines = await LedgerChecker.CheckLinesAsync(jsonLines, CancellationToken.None);
            var lineSeconds = Stopwatch.GetElapsedTime(started).TotalSeconds;
            if (!last.Valid || !lines.IsValid)
                throw new InvalidOperationException("The benchmark's own export does not verify: " + string.Join("; ", last.Problems.Concat(lines.Problems)));
            if (run > 0)
            {
                zipRates.Add(count / zipSeconds);
                zipCpuRates.Add(count / zipCpuSeconds);
                lineRates.Add(count / lineSeconds);
            }
        }
        zipRates.Sort();
        zipCpuRates.Sort();
        lineRates.Sort();
        Console.WriteLine();
        Console.WriteLine($"## Verification, {count:N0} entries ({new FileInfo(path).Length / 1024.0 / 1024.0:F1} MiB zip, {jsonLines.Length / 1024.0 / 1024.0:F1} MiB ledger.jsonl), {runs} runs after one warm-up");
        Console.WriteLine($"  whole package from a file (inflate, digests, every hash): median {zipRates[runs / 2]:N0} entries/s, range {zipRates[0]:N0}–{zipRates[^1]:N0}");
        Console.WriteLine($"  the same per second of process CPU: median {zipCpuRates[runs / 2]:N0} entries/s, range {zipCpuRates[0]:N0}–{zipCpuRates[^1]:N0}");
        Console.WriteLine($"  ledger lines alone from memory: median {lineRates[runs / 2]:N0} entries/s, range {lineRates[0]:N0}–{lineRates[^1]:N0}");
        Console.WriteLine($"  result: valid={last!.Valid}, entries={last.Entries}");
    }
    finally
    {
        File.Delete(path);
    }
}

static EvidenceContent Content(int count, Action<int>? everyThousand) =>
    new(JsonSerializer.SerializeToElement(new { number = 101, title = "Trending challenge", severity = "sev1" }), TypicalChanges.StreamAsync(count, everyThousand))
    {
        PostMortem = "# INC-101 post-mortem\n",
    };

static string LoadAverage() =>
    File.Exists("/proc/loadavg") ? File.ReadAllText("/proc/loadavg").Split(' ')[0] : "n/a";
