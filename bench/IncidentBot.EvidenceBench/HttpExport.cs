using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Headers;
using System.Text.Json;
using System.Text.RegularExpressions;
using IncidentBot.Dialogs.Evidence;
using IncidentBot.Dialogs.Incidents;
using IncidentBot.Dialogs.Storage;
using IncidentBot.Testing.Fakes;
using IncidentBot.Testing.Hosts;
using Microsoft.Extensions.Time.Testing;

namespace IncidentBot.EvidenceBench;

/// <summary>
/// The export over HTTP: the whole bot (Kestrel on 127.0.0.1, embedded store in a temp file), an
/// incident declared over a signed slash command, then its ledger grown to N entries in the store;
/// <c>GET /api/incidents/{n}/evidence.zip</c> streamed to a file, then that file sent to
/// <c>POST /api/evidence/verify</c>. Bot and client share this process, so the memory figures are
/// both of theirs (the client only copies 64 KiB at a time to disk).
/// </summary>
internal static partial class HttpExport
{
    public static async Task RunAsync(IReadOnlyList<int> sizes)
    {
        // WebApplicationFactory looks for MvcTestingAppManifest.json (the bot's content root) in the current directory.
        Directory.SetCurrentDirectory(AppContext.BaseDirectory);
        var directory = Path.Combine(Path.GetTempPath(), "evidence-bench-http-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(directory);
        // The bot's clock: declared before the seeded entries, moved past the last one before each export (exportedAt).
        var clock = new FakeTimeProvider(TypicalChanges.Start.AddHours(-1));
        try
        {
            await using var slack = await FakeSlackServer.StartAsync();
            await using var bot = new BotApplication(slack, Path.Combine(directory, "bot.db"), clock, new Dictionary<string, string?>
            {
                ["Spool:Path"] = Path.Combine(directory, "spool.db"),
                ["Logging:LogLevel:Default"] = "Warning",
            });
            using var client = bot.Start();
            client.Timeout = TimeSpan.FromMinutes(10);
            var incidents = new List<(int Number, int Entries)>();
            foreach (var size in sizes)
                incidents.Add((await SeedAsync(bot, client, clock, size), size));
            clock.SetUtcNow(TypicalChanges.ExportedAt(sizes.Max()));
            await bot.RunDueWorkAsync();

            await ExportAndVerifyAsync(client, directory, incidents[0].Number, incidents[0].Entries, warmUp: true);
            foreach (var (number, entries) in incidents)
                await ExportAndVerifyAsync(client, directory, number, entries, warmUp: false);
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    /// <summary>Declares an incident, then appends entries up to <paramref name="entries"/> in all, 99 and the head per unit.</summary>
    private static async Task<int> SeedAsync(BotApplication bot, HttpClient client, FakeTimeProvider clock, int entries)
    {
        using var response = await client.SendAsync(SlackRequests.Command("declare sev2 Evidence export benchmark", clock));
        response.EnsureSuccessStatusCode();
        var number = int.Parse(IncidentKey().Match(await response.Content.ReadAsStringAsync()).Groups[1].Value, CultureInfo.InvariantCulture);
        await bot.RunDueWorkAsync();

        var started = Stopwatch.GetTimestamp();
        var store = bot.Documents;
        var ledger = new LedgerStore(store);
        var head = await ledger.HeadAsync(new IncidentBot.Dialogs.Incidents.WorkspaceId(SlackRequests.Team), new IncidentNumber(number), CancellationToken.None)
            ?? throw new InvalidOperationException($"INC-{number} has no ledger entry after its declaration.");
        var seq = head.Seq;
        for (var i = 0; seq < entries;)
        {
            var batch = new DocumentBatch(SlackRequests.Team);
            for (var n = 0; n < DocumentBatch.MaxOperations - 1 && seq < entries; n++, seq++, i++)
            {
                var last = TypicalChanges.Next(head, i);
                head = last.Head;
                batch.Create(LedgerEntryDocument.Of(SlackRequests.Team, number, last));
            }
            await store.CommitAsync(batch, CancellationToken.None);
        }
        Console.WriteLine($"seeded INC-{number} with {entries:N0} ledger entries in {Stopwatch.GetElapsedTime(started).TotalSeconds:F1} s");
        return number;
    }

    private static async Task ExportAndVerifyAsync(HttpClient client, string directory, int number, int entries, bool warmUp)
    {
        var path = Path.Combine(directory, $"INC-{number}-evidence.zip");
        GC.Collect(2, GCCollectionMode.Forced, blocking: true, compacting: true);
        GC.WaitForPendingFinalizers();
        var baselineHeap = GC.GetTotalMemory(forceFullCollection: true);
        var baselineWorkingSet = Environment.WorkingSet;

        var export = await MeasureAsync(async () =>
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, $"/api/incidents/{number}/evidence.zip");
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", BotApplication.ApiKey);
            using var response = await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
            response.EnsureSuccessStatusCode();
            await using var body = await response.Content.ReadAsStreamAsync();
            await using var file = new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.None, 64 * 1024, FileOptions.Asynchronous);
            await body.CopyToAsync(file, 64 * 1024);
        });
        var zipBytes = new FileInfo(path).Length;

        GC.Collect(2, GCCollectionMode.Forced, blocking: true, compacting: true);
        var verifyBaselineHeap = GC.GetTotalMemory(forceFullCollection: true);
        string? answer = null;
        var verify = await MeasureAsync(async () =>
        {
            await using var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 64 * 1024, FileOptions.Asynchronous);
            using var request = new HttpRequestMessage(HttpMethod.Post, "/api/evidence/verify") { Content = new StreamContent(file, 64 * 1024) };
            request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/zip");
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", BotApplication.ApiKey);
            using var response = await client.SendAsync(request);
            answer = await response.Content.ReadAsStringAsync();
            response.EnsureSuccessStatusCode();
        });
        // The same check in this process, no HTTP: what the endpoint adds (body to a temp file, Kestrel, the client's send).
        var direct = await MeasureAsync(async () =>
        {
            await using var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 64 * 1024, FileOptions.Asynchronous);
            if (!(await EvidenceVerifier.VerifyAsync(file, CancellationToken.None)).Valid)
                throw new InvalidOperationException($"INC-{number}'s export does not verify in process.");
        });
        var idle = await IdleCpuAsync();
        using var result = JsonDocument.Parse(answer!);
        if (!result.RootElement.GetProperty("valid").GetBoolean() || result.RootElement.GetProperty("entries").GetInt32() != entries)
            throw new InvalidOperationException($"INC-{number}'s export does not verify as {entries} entries: {answer}");
        File.Delete(path);
        if (warmUp)
            return;

        Console.WriteLine();
        Console.WriteLine($"## INC-{number}: {entries:N0} entries over HTTP on 127.0.0.1");
        Console.WriteLine($"  GET evidence.zip: {export.Wall.TotalSeconds:F2} s wall, {export.Cpu.TotalSeconds:F2} s CPU ({entries / export.Wall.TotalSeconds:N0} entries/s); zip {zipBytes / 1024.0 / 1024.0:F1} MiB");
        Console.WriteLine($"    managed heap {baselineHeap / 1048576.0:F1} MiB before, peak {export.PeakHeap / 1048576.0:F1} MiB (+{(export.PeakHeap - baselineHeap) / 1048576.0:F1} MiB); "
            + $"working set {baselineWorkingSet / 1048576.0:F0} MiB before, peak {export.PeakWorkingSet / 1048576.0:F0} MiB (+{(export.PeakWorkingSet - baselineWorkingSet) / 1048576.0:F0} MiB); "
            + $"allocated {export.Allocated / 1048576.0:F0} MiB ({export.Allocated / (double)entries:F0} B/entry)");
        Console.WriteLine($"  POST /api/evidence/verify: {verify.Wall.TotalSeconds:F2} s wall, {verify.Cpu.TotalSeconds:F2} s CPU: "
            + $"{entries / verify.Wall.TotalSeconds:N0} entries/s wall, {entries / verify.Cpu.TotalSeconds:N0} entries per CPU-second; "
            + $"managed heap peak +{(verify.PeakHeap - verifyBaselineHeap) / 1048576.0:F1} MiB; answer valid={result.RootElement.GetProperty("valid").GetBoolean()}, entries={result.RootElement.GetProperty("entries").GetInt32()}");
        Console.WriteLine($"  the verifier alone on that file, in process: {direct.Wall.TotalSeconds:F2} s wall, {direct.Cpu.TotalSeconds:F2} s CPU: "
            + $"{entries / direct.Wall.TotalSeconds:N0} entries/s wall, {entries / direct.Cpu.TotalSeconds:N0} entries per CPU-second");
        Console.WriteLine($"  the idle bot's own CPU (job server polling, checkpoints): {idle.TotalMilliseconds:F0} ms per second");
    }

    /// <summary>CPU the process spends in one second of doing nothing: part of every CPU figure above.</summary>
    private static async Task<TimeSpan> IdleCpuAsync()
    {
        var cpu = Process.GetCurrentProcess().TotalProcessorTime;
        var started = Stopwatch.GetTimestamp();
        await Task.Delay(TimeSpan.FromSeconds(2));
        return (Process.GetCurrentProcess().TotalProcessorTime - cpu) / Stopwatch.GetElapsedTime(started).TotalSeconds;
    }

    private sealed record Measured(TimeSpan Wall, TimeSpan Cpu, long PeakHeap, long PeakWorkingSet, long Allocated);

    /// <summary>Runs <paramref name="action"/> while sampling the managed heap (garbage included) and the working set every 10 ms.</summary>
    private static async Task<Measured> MeasureAsync(Func<Task> action)
    {
        long peakHeap = GC.GetTotalMemory(false), peakWorkingSet = Environment.WorkingSet;
        using var stop = new CancellationTokenSource();
        var sampler = Task.Run(async () =>
        {
            using var timer = new PeriodicTimer(TimeSpan.FromMilliseconds(10));
            try
            {
                while (await timer.WaitForNextTickAsync(stop.Token))
                {
                    peakHeap = Math.Max(peakHeap, GC.GetTotalMemory(false));
                    peakWorkingSet = Math.Max(peakWorkingSet, Environment.WorkingSet);
                }
            }
            catch (OperationCanceledException)
            {
            }
        });
        var allocated = GC.GetTotalAllocatedBytes(precise: true);
        var cpu = Process.GetCurrentProcess().TotalProcessorTime;
        var started = Stopwatch.GetTimestamp();
        await action();
        var wall = Stopwatch.GetElapsedTime(started);
        var cpuTime = Process.GetCurrentProcess().TotalProcessorTime - cpu;
        var allocatedBytes = GC.GetTotalAllocatedBytes(precise: true) - allocated;
        await stop.CancelAsync();
        await sampler;
        return new Measured(wall, cpuTime, Math.Max(peakHeap, GC.GetTotalMemory(false)), Math.Max(peakWorkingSet, Environment.WorkingSet), allocatedBytes);
    }

    [GeneratedRegex(@"INC-(\d+)")]
    private static partial Regex IncidentKey();
}
