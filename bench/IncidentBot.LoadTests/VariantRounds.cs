using System.Globalization;
using IncidentBot.BenchSupport;
using static IncidentBot.BenchSupport.RoundReport;
using static IncidentBot.BenchSupport.BenchMachine;

namespace IncidentBot.LoadTests;

/// <summary>
/// Several builds or settings of the bot and the peer under the same load, round after round
/// (A, B, …, peer, A, B, …): on a shared machine only builds measured in alternation compare.
/// Each bot has its own process, database and port; each round is followed by that server's
/// background catch-up. Besides CPU per request it prints the context switches per request
/// (the server's threads, from <c>/proc/&lt;pid&gt;/task/*/status</c>, over the round and its catch-up;
/// a thread that ended meanwhile is not counted), the kernel's share of the profile.
/// </summary>
internal static class VariantRounds
{
    private static readonly TimeSpan DrainLimit = TimeSpan.FromSeconds(60);

    public static async Task<bool> RunAsync(LoadOptions options, string host, string[] self, string repo)
    {
        Console.WriteLine($"Alternating builds: {string.Join(", ", options.Variants.Select(v => v.Name))} and {options.Peer}, {options.Rounds} rounds each of {options.Seconds} s at {options.Rate} requests/s after {options.WarmupSeconds} s warm-up each; workload '{options.Workload}'; {Environment.ProcessorCount} cores.");
        Console.WriteLine($"Load average before: {LoadAverage()}");
        var slackPort = FreePort();
        await using var slack = await Harness.StartSlackStubAsync(host, self, slackPort, options.StubNiceness);
        var bots = new List<(BotVariant Variant, ChildProcess Process, string Database, int Port)>();
        var servers = new List<Server>();
        try
        {
            foreach (var variant in options.Variants)
            {
                var port = FreePort();
                var database = Harness.NewDatabasePath();
                var process = await Harness.StartBotAsync(repo, variant, slackPort, port, database, Harness.SettingsFor(options.Workload));
                bots.Add((variant, process, database, port));
                var idle = await CpuIdle.MeasureRateAsync(() => process.ProcessorTime, Harness.IdleSettle);
                servers.Add(new Server(variant.Name, process, new LoadRunner(new Uri($"http://127.0.0.1:{port}/slack/commands"), countUnnumbered: true), idle));
            }
            var peerPort = FreePort();
            await using var peer = await NodePeer.StartAsync(repo, options.Peer!, "app.js", peerPort, new Dictionary<string, string>
            {
                ["SLACK_SIGNING_SECRET"] = Harness.Secret,
                ["SLACK_API_URL"] = $"http://127.0.0.1:{slackPort}/api/",
            });
            servers.Add(new Server(options.Peer!, peer, new LoadRunner(new Uri($"http://127.0.0.1:{peerPort}/slack/commands")),
                await CpuIdle.MeasureRateAsync(() => peer.ProcessorTime, TimeSpan.FromSeconds(2))));

            foreach (var server in servers)
            {
                Console.WriteLine($"Warming up {server.Name} ({options.WarmupSeconds} s)…");
                await server.Runner.WarmAsync(options.Rate, options.WarmupSeconds, options.Workload);
                await CpuIdle.WaitAsync(() => server.Process.ProcessorTime, server.IdleRate, DrainLimit);
            }
            var rounds = new List<(RoundResult Result, double Switches)>();
            for (var round = 1; round <= options.Rounds; round++)
            {
                foreach (var server in servers)
                {
                    var switchesBefore = ContextSwitches(server.Process.Id);
                    var result = await server.Runner.MeasureAsync(options.Rate, options.Seconds, options.Workload, () => server.Process.ProcessorTime);
                    var drain = await CpuIdle.WaitAsync(() => server.Process.ProcessorTime, server.IdleRate, DrainLimit);
                    var switches = SwitchesSince(switchesBefore, ContextSwitches(server.Process.Id)) / (double)Math.Max(1, result.LatenciesMs.Length + result.Errors);
                    var measured = result.ToRound(server.Name, round, options.Rate) with
                    {
                        DrainCpu = drain.Cpu,
                        DrainTime = drain.Waited,
                        CpuMsPerRequestWithDrain = (result.ServerCpu + drain.Cpu - (drain.Waited * server.IdleRate)).TotalMilliseconds / Math.Max(1, result.LatenciesMs.Length + result.Errors),
                    };
                    rounds.Add((measured, switches));
                    Console.WriteLine(Invariant($"  round {round} {server.Name}: p50 {measured.Percentile(50):F1} / p99 {measured.Percentile(99):F1} ms, CPU {measured.CpuMsPerRequest:F2} ms/request (+ background {measured.CpuMsPerRequestWithDrain:F2}), {switches:F1} context switches/request, {measured.Failures} failed, load {LoadAverage()}"));
                }
            }

            Console.WriteLine();
            Console.WriteLine("Medians over the rounds (server CPU is the server process's own; '+ background' adds what it spent afterwards, idle rate subtracted, until idle again):");
            Console.WriteLine();
            Console.WriteLine("| server | rounds | answered / sent | no number | p50 ms | p99 ms | achieved/s | CPU ms/request | + background | context switches/request |");
            Console.WriteLine("| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |");
            foreach (var server in servers)
            {
                var mine = rounds.Where(r => r.Result.Server == server.Name).ToList();
                var results = mine.Select(r => r.Result).ToList();
                Console.WriteLine(Invariant(
                    $"| {server.Name} | {mine.Count} | {results.Sum(r => r.LatenciesMs.Length)} / {results.Sum(r => r.Sent)} | {(results.Any(r => r.Unnumbered is not null) ? results.Sum(r => r.Unnumbered ?? 0).ToString(CultureInfo.InvariantCulture) : "—")} | {RoundResult.Median(results.Select(r => r.Percentile(50))):F1} | {RoundResult.Median(results.Select(r => r.Percentile(99))):F1} | {RoundResult.Median(results.Select(r => r.Achieved)):F0} | {RoundResult.Median(results.Select(r => r.CpuMsPerRequest)):F2} | {RoundResult.Median(results.Select(r => r.CpuMsPerRequestWithDrain)):F2} | {RoundResult.Median(mine.Select(r => r.Switches)):F1} |"));
            }
            Console.WriteLine();
            Console.WriteLine($"Load average after: {LoadAverage()}");
            return rounds.All(r => r.Result.Failures == 0);
        }
        finally
        {
            foreach (var server in servers)
                server.Runner.Dispose();
            foreach (var bot in bots)
            {
                await bot.Process.DisposeAsync();
                Harness.DeleteDatabase(bot.Database);
            }
        }
    }

    /// <summary>Voluntary and involuntary context switches of each thread of the process so far, by thread id.</summary>
    private static Dictionary<string, long> ContextSwitches(int pid)
    {
        var switches = new Dictionary<string, long>(StringComparer.Ordinal);
        try
        {
            foreach (var task in Directory.EnumerateDirectories($"/proc/{pid}/task"))
            {
                try
                {
                    long total = 0;
                    foreach (var line in File.ReadLines(Path.Combine(task, "status")))
                    {
                        if (line.StartsWith("voluntary_ctxt_switches:", StringComparison.Ordinal) || line.StartsWith("nonvoluntary_ctxt_switches:", StringComparison.Ordinal))
                            total += long.Parse(line[(line.IndexOf(':', StringComparison.Ordinal) + 1)..].Trim(), CultureInfo.InvariantCulture);
                    }
                    switches[Path.GetFileName(task)] = total;
                }
                catch (IOException)
                {
                    // the thread ended meanwhile
                }
            }
        }
        catch (DirectoryNotFoundException)
        {
            // not Linux
        }
        return switches;
    }

    /// <summary>Switches since <paramref name="before"/>: threads that ended meanwhile are missing from both sides (thread-pool threads retire).</summary>
    private static long SwitchesSince(Dictionary<string, long> before, Dictionary<string, long> after) =>
        after.Sum(thread => thread.Value - before.GetValueOrDefault(thread.Key));

    private sealed record Server(string Name, ChildProcess Process, LoadRunner Runner, double IdleRate);
}
