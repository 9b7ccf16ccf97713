using System.Diagnostics;
using System.Globalization;
using IncidentBot.Dialogs.Incidents;
using IncidentBot.Dialogs.Storage;

namespace IncidentBot.StoreBenchmarks;

/// <summary>
/// The embedded store's writer under many concurrent commits, the way intake joins and declares reach it: each of
/// N writers commits, in a loop, a unit of five writes (its own incident replaced with its ETag, three timeline
/// events and one more event as the "report"), for S seconds. Prints commits/s, process CPU per commit and commit
/// latency. Run it on two builds alternately to compare them. With a third argument, one more writer commits the same
/// unit as urgent (<see cref="IncidentBot.Storage.WritePriority"/>: someone waits for it) at that rate a second, and its
/// latency is printed apart: how long a person's commit waits while the N writers keep the writer busy in the background.
/// <c>dotnet bench/IncidentBot.StoreBenchmarks/bin/Release/net10.0/IncidentBot.StoreBenchmarks.dll commit-burst [writers] [seconds] [urgent/s]</c>
/// </summary>
internal static class CommitBurst
{
    public static async Task<int> RunAsync(string[] args)
    {
        var writers = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 64;
        var seconds = args.Length > 1 ? double.Parse(args[1], CultureInfo.InvariantCulture) : 10;
        var urgentRate = args.Length > 2 ? int.Parse(args[2], CultureInfo.InvariantCulture) : 0;
        await using var store = await BenchmarkStore.OpenAsync(BenchmarkStore.Embedded);
        var incidents = new List<Incident>();
        for (var i = 0; i < writers; i++)
            incidents.Add(await store.DeclareAsync($"Commit burst incident {i}"));
        var urgent = urgentRate > 0 ? await store.DeclareAsync("Commit burst urgent incident") : null;

        // Warm-up: the JIT compiles the write path again, optimised, after its first calls.
        await RoundAsync(store, incidents, TimeSpan.FromSeconds(3), urgent, urgentRate);
        var round = await RoundAsync(store, incidents, TimeSpan.FromSeconds(seconds), urgent, urgentRate);
        Console.WriteLine(round);
        return 0;
    }

    private static int _rounds;

    private static async Task<string> RoundAsync(BenchmarkStore store, List<Incident> incidents, TimeSpan length, Incident? urgent, int urgentRate)
    {
        var roundId = Interlocked.Increment(ref _rounds);
        var urgentLatencies = new List<double>();
        var clockStarted = Stopwatch.StartNew();
        var urgentWriter = urgent is null ? Task.CompletedTask : Task.Run(async () =>
        {
            using var acknowledging = IncidentBot.Storage.WritePriority.Acknowledging();
            var current = (await store.Documents.ReadAsync<Incident>(urgent.WorkspaceId, urgent.Id, CancellationToken.None))!;
            for (var n = 1; clockStarted.Elapsed < length; n++)
            {
                // Open loop: each commit is due at n / rate and waits for nothing but its own answer.
                var due = TimeSpan.FromSeconds((double)n / urgentRate);
                // One reading of the clock: a second one could pass the due time and make the wait negative.
                var wait = due - clockStarted.Elapsed;
                if (wait > TimeSpan.Zero)
                    await Task.Delay(wait);
                var changed = current.Value with { Title = $"Commit burst urgent #{n}" };
                var batch = new DocumentBatch(urgent.WorkspaceId).Replace(changed, current.ETag);
                for (var e = 0; e < 4; e++)
                    batch.Create(Event(urgent, $"r{roundId}-u-n{n}-e{e}"));
                var started = Stopwatch.GetTimestamp();
                current = (await store.Documents.CommitAsync(batch, CancellationToken.None)).Versioned(changed);
                urgentLatencies.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
            }
        });
        var process = Process.GetCurrentProcess();
        var cpuBefore = process.TotalProcessorTime;
        var allocatedBefore = GC.GetTotalAllocatedBytes();
        var latencies = new List<double>[incidents.Count];
        var conflicts = 0;
        var clock = Stopwatch.StartNew();
        await Task.WhenAll(incidents.Select((incident, w) => Task.Run(async () =>
        {
            var mine = latencies[w] = [];
            var current = await store.Documents.ReadAsync<Incident>(incident.WorkspaceId, incident.Id, CancellationToken.None)
                ?? throw new InvalidOperationException("The seeded incident is gone.");
            var n = 0;
            while (clock.Elapsed < length)
            {
                n++;
                var changed = current.Value with { Title = $"Commit burst {w} #{n}" };
                var batch = new DocumentBatch(incident.WorkspaceId).Replace(changed, current.ETag);
                for (var e = 0; e < 4; e++)
                    batch.Create(Event(incident, $"r{roundId}-w{w}-n{n}-e{e}"));
                var started = Stopwatch.GetTimestamp();
                try
                {
                    var result = await store.Documents.CommitAsync(batch, CancellationToken.None);
                    current = result.Versioned(changed);
                }
                catch (DocumentConflictException)
                {
                    Interlocked.Increment(ref conflicts);
                    current = (await store.Documents.ReadAsync<Incident>(incident.WorkspaceId, incident.Id, CancellationToken.None))!;
                }
                mine.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
            }
        })));
        var elapsed = clock.Elapsed;
        await urgentWriter;
        var cpu = process.TotalProcessorTime - cpuBefore;
        var all = latencies.SelectMany(l => l).Order().ToArray();
        var commits = all.Length;
        double At(double q) => all[Math.Min(all.Length - 1, (int)(q * all.Length))];
        var line = string.Create(CultureInfo.InvariantCulture,
            $"commit-burst: {incidents.Count} writers, {commits} commits of 5 writes in {elapsed.TotalSeconds:0.0} s = {commits / elapsed.TotalSeconds:0} commits/s; " +
            $"CPU {cpu.TotalMilliseconds / commits:0.000} ms/commit ({cpu.TotalSeconds / elapsed.TotalSeconds:0.00} cores busy), " +
            $"{(GC.GetTotalAllocatedBytes() - allocatedBefore) / 1024.0 / commits:0.0} KiB allocated/commit, {conflicts} conflicts; " +
            $"latency p50={At(0.5):0.00} p99={At(0.99):0.00} max={all[^1]:0.00} ms; load {File.ReadAllText("/proc/loadavg")[..14]}");
        return urgent is null ? line : line + Urgent(urgentLatencies, urgentRate);
    }

    private static string Urgent(List<double> latencies, int rate)
    {
        var sorted = latencies.Order().ToArray();
        double At(double q) => sorted[Math.Min(sorted.Length - 1, (int)(q * sorted.Length))];
        return string.Create(CultureInfo.InvariantCulture,
            $"\n  urgent writer at {rate}/s: {sorted.Length} commits, latency p50={At(0.5):0.00} p90={At(0.9):0.00} p99={At(0.99):0.00} max={sorted[^1]:0.00} ms");
    }

    private static TimelineEvent Event(Incident incident, string key) => new()
    {
        Id = TimelineEvent.IdFor(incident.Number, key),
        WorkspaceId = incident.WorkspaceId,
        IncidentNumber = incident.Number,
        At = DateTimeOffset.UtcNow,
        Kind = TimelineKind.Note,
        Text = "commit burst event",
    };
}
