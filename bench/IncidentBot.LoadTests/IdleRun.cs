using IncidentBot.BenchSupport;
using static IncidentBot.BenchSupport.RoundReport;
using static IncidentBot.BenchSupport.BenchMachine;

namespace IncidentBot.LoadTests;

/// <summary>
/// <c>--idle 60</c>: what the bot costs doing nothing. Starts it (as the load modes do, on a fresh
/// embedded store), reads its CPU per second over the first <see cref="Harness.IdleSettle"/> after
/// <c>/healthz</c> answered and VmRSS then (the figures the load modes print as "idle"), then its CPU
/// per second over the rest of the idle time and VmRSS at the end. With several <c>--variant</c>s each round starts each variant
/// in turn (A, B, A, B…), so a busy machine weighs on both alike; the load average is printed with every line.
/// </summary>
internal static class IdleRun
{
    public static async Task<int> RunAsync(LoadOptions options, int idleSeconds, string host, string[] self, string repo)
    {
        var idle = TimeSpan.FromSeconds(Math.Max(idleSeconds, Harness.IdleSettle.TotalSeconds + 5));
        IReadOnlyList<BotVariant> variants = options.Variants.Count > 0 ? options.Variants : [new BotVariant(Harness.Ours, null, new Dictionary<string, string>())];
        Console.WriteLine(Invariant($"Idle: {string.Join(", ", variants.Select(v => v.Name))}, {options.Rounds} round(s), {idle.TotalSeconds:F0} s each after /healthz; {Environment.ProcessorCount} cores. Load average before: {LoadAverage()}"));
        var slackPort = FreePort();
        await using var slack = await Harness.StartSlackStubAsync(host, self, slackPort, options.StubNiceness);
        var results = variants.ToDictionary(v => v.Name, _ => new List<(double SettledMiB, double EndMiB, double FirstCpuMsPerSecond, double CpuMsPerSecond, double HighWaterMiB)>());
        for (var round = 1; round <= options.Rounds; round++)
        {
            foreach (var variant in variants)
            {
                var database = Harness.NewDatabasePath();
                var loadBefore = LoadAverage();
                var starting = System.Diagnostics.Stopwatch.StartNew();
                await using (var bot = await Harness.StartBotAsync(repo, variant, slackPort, FreePort(), database))
                await using (var memory = ProcessMemory.Watch(bot.Id))
                {
                    var startedIn = starting.Elapsed;
                    var startCpu = bot.ProcessorTime;
                    var firstCpu = await CpuIdle.MeasureRateAsync(() => bot.ProcessorTime, Harness.IdleSettle);
                    var settledMiB = memory.ResidentMiB;
                    var window = idle - Harness.IdleSettle;
                    var cpu = await CpuIdle.MeasureRateAsync(() => bot.ProcessorTime, window);
                    var parts = memory.ResidentParts;
                    var result = (SettledMiB: settledMiB, EndMiB: memory.ResidentMiB, FirstCpuMsPerSecond: firstCpu * 1000, CpuMsPerSecond: cpu * 1000, HighWaterMiB: memory.HighWaterMiB);
                    results[variant.Name].Add(result);
                    Console.WriteLine(Invariant(
                        $"  round {round} {variant.Name} (pid {bot.Id}): /healthz after {startedIn.TotalSeconds:F1} s and {startCpu.TotalSeconds:F1} s of CPU; first {Harness.IdleSettle.TotalSeconds:F0} s after /healthz {result.FirstCpuMsPerSecond:F1} ms/s, VmRSS {result.SettledMiB:F1} MiB; next {window.TotalSeconds:F0} s {result.CpuMsPerSecond:F1} ms/s, VmRSS {result.EndMiB:F1} MiB (anonymous {parts.Anonymous:F1}, files {parts.Files:F1}, executable/shared {parts.Shared:F1}; VmHWM {result.HighWaterMiB:F1}); load average {loadBefore} → {LoadAverage()}"));
                }
                Harness.DeleteDatabase(database);
            }
        }
        Console.WriteLine();
        Console.WriteLine(Invariant($"| variant | rounds | CPU ms/s, first {Harness.IdleSettle.TotalSeconds:F0} s | VmRSS then, MiB | CPU ms/s, next {(idle - Harness.IdleSettle).TotalSeconds:F0} s | (min–max) | VmRSS at the end, MiB |"));
        Console.WriteLine("| --- | ---: | ---: | ---: | ---: | ---: | ---: |");
        foreach (var variant in variants)
        {
            var r = results[variant.Name];
            Console.WriteLine(Invariant(
                $"| {variant.Name} | {r.Count} | {Median(r.Select(x => x.FirstCpuMsPerSecond)):F0} | {Median(r.Select(x => x.SettledMiB)):F1} | {Median(r.Select(x => x.CpuMsPerSecond)):F1} | {r.Min(x => x.CpuMsPerSecond):F1}–{r.Max(x => x.CpuMsPerSecond):F1} | {Median(r.Select(x => x.EndMiB)):F1} |"));
        }
        Console.WriteLine($"Load average after: {LoadAverage()}");
        return 0;
    }

    private static double Median(IEnumerable<double> values)
    {
        var sorted = values.Order().ToArray();
        return sorted.Length % 2 == 1 ? sorted[sorted.Length / 2] : (sorted[(sorted.Length / 2) - 1] + sorted[sorted.Length / 2]) / 2;
    }
}
