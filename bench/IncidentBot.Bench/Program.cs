using System.Diagnostics;
using System.Globalization;
using IncidentBot.BenchSupport;
using static IncidentBot.BenchSupport.RoundReport;
using static IncidentBot.BenchSupport.BenchMachine;

namespace IncidentBot.Bench;

/// <summary>
/// Activity → reply latency of the Teams path at a fixed arrival rate (open loop: activities are
/// sent on schedule whether or not earlier ones were answered, so queueing shows in the tail).
/// Latency = until the Bot Connector stand-in receives the reply.
///   dotnet run -c Release --project bench/IncidentBot.Bench -- [--rate 100] [--seconds 30] [--warmup 5] [--users 50] [--workload help-list|declare]
/// With <c>--peer botframework [--rounds 4]</c> (issue 12) the bot and a Bot Framework for JS bot
/// (bench/peers/botframework) are measured in alternating rounds of <c>--seconds</c>, declares by
/// default, and the ratio of their p99 is printed. With <c>--variant name=path/IncidentBot.dll[,KEY=VALUE…]</c>
/// (repeatable, with <c>--peer</c>) each build runs as its own process and they alternate with the peer
/// (<see cref="TeamsVariantRounds"/>).
/// </summary>
internal static class LatencyBench
{
    private static readonly string[] Workloads = ["help-list", "declare"];

    public static async Task<int> Main(string[] args)
    {
        var rate = Option("--rate", 100);
        var seconds = Option("--seconds", 30);
        var warmup = Option("--warmup", 5);
        var users = Option("--users", 50);
        var rounds = Option("--rounds", 4);
        var peer = Text("--peer", null);
        if (peer is not null and not "botframework")
            throw new ArgumentException($"Unknown peer {peer}: the Teams peer is botframework.");
        var workload = Text("--workload", peer is null ? "help-list" : "declare")!;
        if (!Workloads.Contains(workload))
            throw new ArgumentException($"Unknown workload {workload}: use {string.Join('|', Workloads)}.");

        var variants = Variants(args);
        if (variants.Count > 0)
        {
            if (peer is null || workload != "declare")
                throw new ArgumentException("--variant compares builds under declares against the peer: add --peer botframework.");
            return await TeamsVariantRounds.RunAsync(variants, RepositoryRoot(), rate, seconds, warmup, users, rounds, tag => TextFor(workload, tag)) == 0 ? 0 : 1;
        }

        var directory = Path.Combine(Path.GetTempPath(), "incidentbot-bench", Guid.NewGuid().ToString("N"));
        await using var connector = await ConnectorStandIn.StartAsync();
        var bot = new BenchBot(connector.ServiceUrl, Path.Combine(directory, "bench.db"));
        int failures;
        try
        {
            using var client = bot.Start();
            var ours = new ActivitySender(client, connector, users);
            // Some incidents, so `list` reads a realistic page.
            for (var i = 0; i < 10; i++)
                await ours.SendAsync(i % users, $"declare sev{1 + (i % 4)} Bench incident {i} --market NP", "seed-" + i);

            failures = peer is null
                ? await SingleAsync(ours, rate, seconds, warmup, users, workload)
                : await AlternateAsync(ours, connector, rate, seconds, warmup, users, rounds, workload);
        }
        finally
        {
            try
            {
                await bot.DisposeAsync();
            }
            catch (ObjectDisposedException)
            {
                // Hangfire's server is sometimes disposed twice on the way out; the figures are already printed.
            }
            if (Directory.Exists(directory))
                Directory.Delete(directory, recursive: true);
        }
        return failures == 0 ? 0 : 1;

        int Option(string name, int fallback)
        {
            var index = Array.IndexOf(args, name);
            return index >= 0 && index + 1 < args.Length ? int.Parse(args[index + 1], CultureInfo.InvariantCulture) : fallback;
        }

        string? Text(string name, string? fallback)
        {
            var index = Array.IndexOf(args, name);
            return index >= 0 && index + 1 < args.Length ? args[index + 1] : fallback;
        }
    }

    private static List<BotVariant> Variants(string[] args) =>
        [.. args.Select((a, i) => (a, i)).Where(x => x.a == "--variant" && x.i + 1 < args.Length).Select(x => BotVariant.Parse(args[x.i + 1]))];

    /// <summary>The bot alone (issue 7): warm-up, one measured run, latency from the start of each POST.</summary>
    private static async Task<int> SingleAsync(ActivitySender ours, int rate, int seconds, int warmup, int users, string workload)
    {
        Console.WriteLine($"warm-up {warmup}s, then {seconds}s at {rate} activities/s from {users} users ({(workload == "declare" ? "declares, each a new incident" : "help and list, alternating")})");
        var tag = Guid.NewGuid().ToString("N")[..6];
        await ours.DriveAsync(rate, warmup, TextFor(workload, "warm-" + tag), "warm", fromDue: false);
        var cpuBefore = Process.GetCurrentProcess().TotalProcessorTime;
        var result = await ours.DriveAsync(rate, seconds, TextFor(workload, "run-" + tag), "run", fromDue: false);
        var cpu = Process.GetCurrentProcess().TotalProcessorTime - cpuBefore;

        var latencies = result.Latencies.Order().ToList();
        double P(double q) => latencies.Count == 0 ? double.NaN : latencies[Math.Min(latencies.Count - 1, (int)Math.Ceiling(q * latencies.Count) - 1)];
        Console.WriteLine(Invariant(
            $"activities {latencies.Count + result.Failures}, replies {latencies.Count}, failures {result.Failures}, achieved {(latencies.Count + result.Failures) / Math.Max(result.SendTime.TotalSeconds, 0.001):0.0}/s"));
        Console.WriteLine(Invariant($"latency ms: p50 {P(0.50):0.0}  p90 {P(0.90):0.0}  p99 {P(0.99):0.0}  max {latencies.LastOrDefault():0.0}"));
        Console.WriteLine(Invariant($"cpu: {cpu.TotalMilliseconds / Math.Max(1, seconds * rate):0.0} ms per activity (bot, sender and stand-in together)"));
        if (workload == "declare")
            Console.WriteLine($"declares answered without their incident number: {result.Unnumbered}");
        Console.WriteLine($"machine: {Environment.ProcessorCount} cores, {System.Runtime.InteropServices.RuntimeInformation.OSDescription}, .NET {Environment.Version}, load average {LoadAverage()}");
        return result.Failures;
    }

    /// <summary>
    /// Issue 12: the bot (in this process) and the Bot Framework for JS peer (a node child process)
    /// alternately, each round after the other has finished its background work. Latency counts from
    /// each activity's scheduled time to its reply at the stand-in.
    /// </summary>
    private static async Task<int> AlternateAsync(ActivitySender ours, ConnectorStandIn connector, int rate, int seconds, int warmup, int users, int rounds, string workload)
    {
        const string Ours = "IncidentBot", Peer = "botframework";
        var peerPort = FreePort();
        await using var peer = await NodePeer.StartAsync(RepositoryRoot(), Peer, "bot.js", peerPort);
        using var handler = new SocketsHttpHandler { MaxConnectionsPerServer = 512 };
        using var peerClient = new HttpClient(handler) { BaseAddress = new Uri($"http://127.0.0.1:{peerPort}/"), Timeout = TimeSpan.FromSeconds(30) };
        var theirs = new ActivitySender(peerClient, connector, users);

        // CPU is everything that ran for the round: this process (sender, stand-in, and the bot when
        // it is ours) plus the peer's node process, so the two columns compare like with like.
        TimeSpan Cpu() => Environment.CpuUsage.TotalTime + peer.ProcessorTime;
        var idleRate = await CpuIdle.MeasureRateAsync(Cpu, TimeSpan.FromSeconds(5));
        var servers = new (string Name, ActivitySender Sender)[] { (Ours, ours), (Peer, theirs) };
        Console.WriteLine($"Alternating: {Ours} and {Peer}, {rounds} rounds each of {seconds} s at {rate} activities/s from {users} users after {warmup} s warm-up each; workload '{workload}'. Load average before: {LoadAverage()}");
        var tag = Guid.NewGuid().ToString("N")[..6];
        foreach (var (name, sender) in servers)
        {
            Console.WriteLine($"Warming up {name} ({warmup} s)…");
            await sender.DriveAsync(rate, warmup, TextFor(workload, $"warm-{name}-{tag}"), $"warm-{name}", fromDue: true);
            await CpuIdle.WaitAsync(Cpu, idleRate, TimeSpan.FromSeconds(60));
        }
        var results = new List<RoundResult>();
        for (var round = 1; round <= rounds; round++)
        {
            foreach (var (name, sender) in servers)
            {
                var before = Cpu();
                var run = await sender.DriveAsync(rate, seconds, TextFor(workload, $"{name}-{round}-{tag}"), $"{name}-{round}", fromDue: true);
                var cpu = Cpu() - before;
                var drain = await CpuIdle.WaitAsync(Cpu, idleRate, TimeSpan.FromSeconds(60));
                var result = new RoundResult(name, round, rate, [.. run.Latencies], run.Failures, run.SendTime, run.Elapsed, cpu)
                {
                    AnsweredWhileSending = run.AnsweredWhileSending,
                    Unnumbered = name == Ours && workload == "declare" ? run.Unnumbered : null,
                    DrainCpu = drain.Cpu,
                    DrainTime = drain.Waited,
                    CpuMsPerRequestWithDrain = (cpu + drain.Cpu - (drain.Waited * idleRate)).TotalMilliseconds / Math.Max(1, run.Latencies.Count + run.Failures),
                };
                results.Add(result);
                Console.WriteLine(Invariant($"  round {round} {name}: {run.Latencies.Count}/{result.Sent} replies, p50 {result.Percentile(50):F1} / p99 {result.Percentile(99):F1} ms"));
            }
        }
        RoundReport.Print(results, Ours, Peer, targetRatio: 1.5,
            "latency from each activity's scheduled time to its reply at the stand-in; CPU = this process (sender, stand-in, and the bot in its rounds) + the peer's node process");
        var missing = results.Sum(r => r.Failures);
        Console.WriteLine(missing == 0 ? "Every reply delivered." : $"{missing} activities got no reply (or an error) within 30 s.");
        Console.WriteLine($"machine: {Environment.ProcessorCount} cores, .NET {Environment.Version}, load average after {LoadAverage()}");
        return missing;
    }

    /// <summary>help/list alternating (issue 7), or a new incident per activity (issue 12).</summary>
    private static Func<int, string> TextFor(string workload, string tag) => workload == "declare"
        ? i => $"declare sev2 Write path {tag} {i}"
        : i => i % 2 == 0 ? "help" : "list";

    private static string RepositoryRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "IncidentBot.sln")))
                return directory.FullName;
        }
        throw new InvalidOperationException("IncidentBot.sln not found above " + AppContext.BaseDirectory);
    }
}
