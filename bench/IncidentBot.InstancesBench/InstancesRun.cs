using IncidentBot.BenchSupport;
using IncidentBot.Testing.Fakes.Cosmos;
using IncidentBot.Testing.Hosts;

namespace IncidentBot.InstancesBench;

/// <summary>
/// Starts the shared servers and two bot processes, runs the three measurements in order (steady
/// declares; escalations during steady load; escalations while instance B is killed) and prints
/// the table. Every wait has a deadline; the whole run has one too, and every child process is
/// killed on the way out, also on an exception.
/// </summary>
internal static class InstancesRun
{
    private static readonly TimeSpan RunLimit = TimeSpan.FromMinutes(30);
    private static readonly TimeSpan DmLimit = TimeSpan.FromSeconds(60);

    public static async Task<int> RunAsync(InstancesOptions options)
    {
        using var limit = new CancellationTokenSource(RunLimit);
        var loadBefore = LoadAverage();
        Console.WriteLine($"Several instances: 2 bot processes ({options.Bot ?? "this build"}), Cosmos test server, redis-server; {Environment.ProcessorCount} cores; load average before {loadBefore}.");
        await NodePeer.EnsureInstalledAsync(Path.Combine(CosmosTestServer.RepositoryRoot(), "tests", "cosmos-server"));

        await using var shared = await SeveralInstances.StartAsync();
        var onCall = shared.WriteFile("oncall.yaml", BenchOnCall.Yaml(options.WaitSeconds));
        var instances = new List<BotProcess>();
        try
        {
            foreach (var name in new[] { "a", "b" })
                instances.Add(await BotProcess.StartAsync(Settings(shared, name, onCall), options.Bot, limit.Token));
            using var declarer = new Declarer(shared, instances);
            using var backlog = await JobBacklog.ConnectAsync(shared.Redis.ConnectionString);
            var bench = new BenchContext(options, shared, instances, declarer, new SlackDms(shared.Slack), backlog);

            // JIT, connections, the workspace and the container: a few declares through each instance.
            var warm = await declarer.SendAsync("sev3", "w", 2, 4, limit.Token);
            await WaitForFirstDmsAsync(bench, warm, limit.Token);

            Console.WriteLine($"1. Steady declares: {options.Rate}/s for {options.Seconds} s, alternately to A and B…");
            var steady = await declarer.SendAsync("sev3", "s", options.Rate, (int)(options.Rate * options.Seconds), limit.Token);
            var all = await WaitForFirstDmsAsync(bench, steady, limit.Token);
            Console.WriteLine($"  {steady.Count} sent, {steady.Count(s => !s.Answered)} not answered; first page DMs {(all ? "all in" : "not all in")} ({bench.LatenciesToFirstDm(steady).Count} arrived); {await backlog.DescribeAsync()}");

            Console.WriteLine($"2. {options.Pending} escalations (wait {options.WaitSeconds} s) during the steady load…");
            var calm = await EscalationRound.RunAsync("steady", "c", kill: false, bench, limit.Token);
            Console.WriteLine($"3. {options.Pending} escalations (wait {options.WaitSeconds} s) during the steady load, instance B killed before they fall due…");
            var killed = await EscalationRound.RunAsync("kill", "k", kill: true, bench, limit.Token);

            InstancesReport.Print(options, steady, bench.LatenciesToFirstDm(steady), calm, killed);
            Console.WriteLine();
            Console.WriteLine($"Command: {options.CommandLine()}");
            Console.WriteLine($"Load average before {loadBefore}, after {LoadAverage()} ({Environment.ProcessorCount} cores).");
            return InstancesReport.IsSound(calm) && InstancesReport.IsSound(killed) ? 0 : 1;
        }
        finally
        {
            foreach (var instance in instances)
                await instance.DisposeAsync();
            if (options.Logs is { } logs)
            {
                Directory.CreateDirectory(logs);
                for (var i = 0; i < instances.Count; i++)
                    await File.WriteAllTextAsync(Path.Combine(logs, $"bot-{"ab"[i]}.log"), instances[i].Output(), CancellationToken.None);
            }
        }
    }

    /// <summary>The deployment's settings, except the reconcile sweep, which keeps its default (5 s) rather than the tests' 1 s.</summary>
    private static Dictionary<string, string> Settings(SeveralInstances shared, string name, string onCall)
    {
        var settings = shared.Settings(name, onCall);
        settings.Remove("Jobs:ReconcileIntervalSeconds");
        // Timestamps on the bots' log lines (kept with --logs), to place them beside the bench's own times.
        settings["Logging:Console:TimestampFormat"] = "HH:mm:ss.fff ";
        settings["Logging:Console:UseUtcTimestamp"] = "true";
        return settings;
    }

    private static async Task<bool> WaitForFirstDmsAsync(BenchContext bench, IReadOnlyList<SentDeclare> sent, CancellationToken cancellationToken) =>
        await bench.Dms.WaitAsync(d => sent.Where(s => s.Answered).All(s => d.First(SeveralInstances.One, s.Marker) is not null), DateTimeOffset.UtcNow + DmLimit, cancellationToken);

    private static string LoadAverage() =>
        File.Exists("/proc/loadavg") ? string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "n/a";
}
