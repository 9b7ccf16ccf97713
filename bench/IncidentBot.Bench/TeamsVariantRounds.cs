using IncidentBot.BenchSupport;
using static IncidentBot.BenchSupport.RoundReport;
using static IncidentBot.BenchSupport.BenchMachine;

namespace IncidentBot.Bench;

/// <summary>
/// Several builds of the bot (<c>--variant name=path/IncidentBot.dll[,KEY=VALUE…]</c>, repeatable) and the
/// Bot Framework for JS peer under the same Teams load, round after round (A, B, …, peer): on a shared
/// machine only builds measured in alternation compare. Each bot is its own process (Production, embedded
/// store in its own temp folder, Teams in local mode against this process's Connector stand-in), so the CPU
/// per activity is that server's process alone (the bot's, or node's), not the sender's.
/// </summary>
internal static class TeamsVariantRounds
{
    private const string Peer = "botframework";
    private static readonly TimeSpan DrainLimit = TimeSpan.FromSeconds(60);

    public static async Task<int> RunAsync(IReadOnlyList<BotVariant> variants, string repo, int rate, int seconds, int warmup, int users, int rounds, Func<string, Func<int, string>> textFor)
    {
        Console.WriteLine($"Alternating builds: {string.Join(", ", variants.Select(v => v.Name))} and {Peer}, {rounds} rounds each of {seconds} s at {rate} declares/s from {users} users after {warmup} s warm-up each; {Environment.ProcessorCount} cores. Load average before: {LoadAverage()}");
        await using var connector = await ConnectorStandIn.StartAsync();
        var servers = new List<Server>();
        var folders = new List<string>();
        try
        {
            foreach (var variant in variants)
            {
                var folder = Path.Combine(Path.GetTempPath(), "incidentbot-bench", Guid.NewGuid().ToString("N"));
                folders.Add(folder);
                var port = FreePort();
                var process = await StartBotAsync(repo, variant, connector.ServiceUrl, port, folder);
                servers.Add(await ServerAsync(variant.Name, process, port, connector, users, isOurs: true));
            }
            var peerPort = FreePort();
            servers.Add(await ServerAsync(Peer, await NodePeer.StartAsync(repo, Peer, "bot.js", peerPort), peerPort, connector, users, isOurs: false));

            var tag = Guid.NewGuid().ToString("N")[..6];
            foreach (var server in servers)
            {
                Console.WriteLine($"Warming up {server.Name} ({warmup} s)…");
                await server.Sender.DriveAsync(rate, warmup, textFor($"warm-{server.Name}-{tag}"), $"warm-{server.Name}", fromDue: true);
                await CpuIdle.WaitAsync(() => server.Process.ProcessorTime, server.IdleRate, DrainLimit);
            }
            var results = new List<RoundResult>();
            for (var round = 1; round <= rounds; round++)
            {
                foreach (var server in servers)
                {
                    var before = server.Process.ProcessorTime;
                    var run = await server.Sender.DriveAsync(rate, seconds, textFor($"{server.Name}-{round}-{tag}"), $"{server.Name}-{round}", fromDue: true);
                    var cpu = server.Process.ProcessorTime - before;
                    var drain = await CpuIdle.WaitAsync(() => server.Process.ProcessorTime, server.IdleRate, DrainLimit);
                    var sent = run.Latencies.Count + run.Failures;
                    var result = new RoundResult(server.Name, round, rate, [.. run.Latencies], run.Failures, run.SendTime, run.Elapsed, cpu)
                    {
                        AnsweredWhileSending = run.AnsweredWhileSending,
                        Unnumbered = server.IsOurs ? run.Unnumbered : null,
                        DrainCpu = drain.Cpu,
                        DrainTime = drain.Waited,
                        CpuMsPerRequestWithDrain = (cpu + drain.Cpu - (drain.Waited * server.IdleRate)).TotalMilliseconds / Math.Max(1, sent),
                    };
                    results.Add(result);
                    Console.WriteLine(Invariant($"  round {round} {server.Name}: {run.Latencies.Count}/{sent} replies, p50 {result.Percentile(50):F1} / p99 {result.Percentile(99):F1} ms, CPU {result.CpuMsPerRequest:F2} ms/activity (+ background {result.CpuMsPerRequestWithDrain:F2}), load {LoadAverage()}"));
                }
            }
            var names = variants.Select(v => v.Name).ToArray();
            RoundReport.Print(results, names[0], Peer, targetRatio: 1.5,
                "latency from each activity's scheduled time to its reply at the stand-in; CPU = the server's own process (the bot, or node for the peer)",
                names[1..]);
            PrintBuildRatios(results, names);
            var missing = results.Sum(r => r.Failures);
            Console.WriteLine(missing == 0 ? "Every reply delivered." : $"{missing} activities got no reply (or an error) within 30 s.");
            Console.WriteLine($"Load average after: {LoadAverage()}");
            return missing;
        }
        finally
        {
            foreach (var server in servers)
            {
                server.Client.Dispose();
                await server.Process.DisposeAsync();
            }
            foreach (var folder in folders.Where(Directory.Exists))
            {
                try
                {
                    Directory.Delete(folder, recursive: true);
                }
                catch (IOException)
                {
                    // left in the temp folder
                }
            }
        }
    }

    /// <summary>Each later build against the first, round by round (same round, back to back): p99 and CPU per activity.</summary>
    private static void PrintBuildRatios(List<RoundResult> results, string[] names)
    {
        foreach (var other in names.Skip(1))
        {
            var pairs = results.Where(r => r.Server == names[0]).Zip(results.Where(r => r.Server == other)).ToList();
            var p99 = pairs.Select(p => p.Second.Percentile(99) / p.First.Percentile(99)).ToList();
            var cpu = pairs.Select(p => p.Second.CpuMsPerRequest / p.First.CpuMsPerRequest).ToList();
            Console.WriteLine(Invariant(
                $"{other}/{names[0]}: p99 {RoundResult.Median(p99):F2}× (per round {string.Join(", ", p99.Select(x => Invariant($"{x:F2}×")))}), CPU per activity {RoundResult.Median(cpu):F2}× (per round {string.Join(", ", cpu.Select(x => Invariant($"{x:F2}×")))})."));
        }
    }

    private static async Task<Server> ServerAsync(string name, ChildProcess process, int port, ConnectorStandIn connector, int users, bool isOurs)
    {
        var handler = new SocketsHttpHandler { MaxConnectionsPerServer = 512 };
        var client = new HttpClient(handler) { BaseAddress = new Uri($"http://127.0.0.1:{port}/"), Timeout = TimeSpan.FromSeconds(30) };
        var sender = new ActivitySender(client, connector, users);
        if (isOurs)
        {
            // Some incidents first, as the in-process mode does.
            for (var i = 0; i < 10; i++)
                await sender.SendAsync(i % users, $"declare sev{1 + (i % 4)} Bench incident {i} --market NP", $"seed-{name}-{i}");
        }
        var idle = await CpuIdle.MeasureRateAsync(() => process.ProcessorTime, TimeSpan.FromSeconds(5));
        return new Server(name, process, client, sender, idle, isOurs);
    }

    /// <summary>The bot as a child process: Production, Teams in local mode against the stand-in, its own database and spool.</summary>
    private static Task<ChildProcess> StartBotAsync(string repo, BotVariant variant, string serviceUrl, int port, string folder)
    {
        var botDll = variant.BotDll ?? Path.Combine(repo, "src", "IncidentBot", "bin", "Release", "net10.0", "IncidentBot.dll");
        if (!File.Exists(botDll))
            throw new FileNotFoundException($"Build the bot first: dotnet build -c Release (missing {botDll}).");
        var environment = new Dictionary<string, string>
        {
            ["ASPNETCORE_ENVIRONMENT"] = "Production",
            ["Teams__TenantId"] = ActivitySender.Tenant,
            ["Teams__IncidentsChannelId"] = "19:benchincidents@thread.tacv2",
            ["Teams__ServiceUrl"] = serviceUrl,
            ["Storage__Path"] = Path.Combine(folder, "bench.db"),
            ["Spool__Path"] = Path.Combine(folder, "pending-declares.db"),
            ["Logging__LogLevel__Default"] = "Warning",
        };
        foreach (var (key, value) in variant.Environment)
            environment[key] = value;
        Directory.CreateDirectory(folder);
        return ChildProcess.StartAsync("dotnet", [botDll, "--urls", $"http://127.0.0.1:{port}"], new Uri($"http://127.0.0.1:{port}/healthz"), environment, name: variant.Name);
    }

    private sealed record Server(string Name, ChildProcess Process, HttpClient Client, ActivitySender Sender, double IdleRate, bool IsOurs);
}
