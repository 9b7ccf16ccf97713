using System.Globalization;
using IncidentBot.BenchSupport;
using static IncidentBot.BenchSupport.RoundReport;
using static IncidentBot.BenchSupport.BenchMachine;

namespace IncidentBot.LoadTests;

/// <summary>
/// Starts the Slack stub and the bot (and the bare endpoint or the Bolt peer) as child processes,
/// loads them, prints the comparison and the bot's memory. Three modes: bare Kestrel then the bot
/// (issue 3); the bot and Bolt for JS in alternating rounds (<c>--peer bolt</c>, issue 12); rising
/// rates against the bot alone until it stops keeping up (<c>--rates</c>, issue 12).
/// </summary>
internal static class Harness
{
    public const string Secret = "load-test-signing-secret";
    public const string Ours = "IncidentBot";

    /// <summary>How long a server may take after a round to finish the background work the round left.</summary>
    private static readonly TimeSpan DrainLimit = TimeSpan.FromSeconds(60);

    /// <summary>Idle time after start-up before the bot's resident memory and idle CPU are read.</summary>
    public static readonly TimeSpan IdleSettle = TimeSpan.FromSeconds(5);

    public static async Task<int> RunAsync(LoadOptions options)
    {
        var host = Environment.ProcessPath ?? throw new InvalidOperationException("No process path.");
        // Started as `dotnet IncidentBot.LoadTests.dll` the process is dotnet itself: pass the dll along.
        string[] self = Path.GetFileNameWithoutExtension(host) == "dotnet" ? [typeof(Harness).Assembly.Location] : [];
        var repo = FindRepositoryRoot();
        if (options.IdleSeconds is { } idleSeconds)
            return await IdleRun.RunAsync(options, idleSeconds, host, self, repo);
        if (options is { Peer: not null, Variants.Count: > 1 })
            return await VariantRounds.RunAsync(options, host, self, repo) ? 0 : 1;
        var variant = options.Variants.Count == 1 ? options.Variants[0] : new BotVariant(Ours, null, new Dictionary<string, string>());
        var database = NewDatabasePath();

        int slackPort = FreePort(), botPort = FreePort();
        Console.WriteLine(options switch
        {
            { Rates: { } rates } => $"Saturation: workload '{options.Workload}' at {string.Join(", ", rates)} requests/s, {options.Seconds} s each after {options.WarmupSeconds} s warm-up{(IntakeLoad.IsWorkload(options.Workload) ? "" : $"; then 'mixed' at {options.Rate}/s")}; {Environment.ProcessorCount} cores.",
            { Peer: { } peer } => $"Alternating: {Ours} and {peer}, {options.Rounds} rounds each of {options.Seconds} s at {options.Rate} requests/s after {options.WarmupSeconds} s warm-up each; workload '{options.Workload}'; {Environment.ProcessorCount} cores.",
            _ => $"Load: {options.Rate} requests/s for {options.Seconds} s after {options.WarmupSeconds} s warm-up; workload '{options.Workload}'; {Environment.ProcessorCount} cores.",
        });
        Console.WriteLine($"Load average before: {LoadAverage()}");
        await using var slack = await StartSlackStubAsync(host, self, slackPort, options.StubNiceness, options.TimelinePath is { } timeline ? timeline + ".slack" : null);
        await using var bot = await StartBotAsync(repo, variant, slackPort, botPort, database, SettingsFor(options.Workload));
        await using var memory = ProcessMemory.Watch(bot.Id);

        // Start-up is over when /healthz answers; give it a few idle seconds, then read what it holds doing nothing.
        var idleRate = await CpuIdle.MeasureRateAsync(() => bot.ProcessorTime, IdleSettle);
        var idleMiB = memory.ResidentMiB;
        memory.ResetPeak();
        var botUrl = new Uri($"http://127.0.0.1:{botPort}/slack/commands");

        var ok = options switch
        {
            { Rates: not null } => await SaturationAsync(options, bot, slack, botUrl, idleRate),
            { Peer: not null } => await AlternateAsync(options, repo, slackPort, bot, botUrl, idleRate),
            _ => await CompareWithBareAsync(options, host, self, bot, botUrl),
        };

        var peakMiB = memory.PeakSampledMiB;
        var highWaterMiB = memory.HighWaterMiB;
        var afterMiB = memory.ResidentMiB;
        double? settledMiB = null;
        if (options.SettleSeconds > 0)
        {
            Console.WriteLine($"Waiting {options.SettleSeconds} s after the load before reading the bot's memory again…");
            await Task.Delay(TimeSpan.FromSeconds(options.SettleSeconds));
            settledMiB = memory.ResidentMiB;
        }
        Console.WriteLine();
        Console.WriteLine(Invariant(
            $"{Ours} resident memory (VmRSS, MiB): idle after start-up {idleMiB:F1} (issue 12: keep ≤ 120); peak during the load {peakMiB:F1} (sampled every 100 ms; VmHWM since start {highWaterMiB:F1}); right after the load {afterMiB:F1}")
            + (settledMiB is { } settled ? Invariant($"; {options.SettleSeconds} s after the load {settled:F1}.") : "; --settle 60 for the level a minute later."));
        Console.WriteLine(Invariant($"{Ours} idle CPU: {idleRate * 1000:F0} ms per second. Load average after: {LoadAverage()}"));
        DeleteDatabase(database);
        return ok ? 0 : 1;
    }

    /// <summary>A fresh database path in the temp folder, one folder per bot started.</summary>
    public static string NewDatabasePath() => Path.Combine(Path.GetTempPath(), "incidentbot-load", Guid.NewGuid().ToString("N"), "load.db");

    /// <param name="niceness">
    /// Above 0, the stub runs under <c>nice -n</c>: it plays Slack, whose servers do not share the bot's cores, yet here it
    /// answers each declare's five calls on the same two cores as the answers being measured (PERFORMANCE.md, nineteenth session).
    /// </param>
    /// <param name="callLog">When given, the stub writes each call it answers there (<see cref="SlackStub"/>), for <c>--timeline</c>.</param>
    public static Task<ChildProcess> StartSlackStubAsync(string host, string[] self, int slackPort, int niceness = 0, string? callLog = null)
    {
        string[] command = [host, .. self, "--serve-slack", Port(slackPort), .. callLog is null ? Array.Empty<string>() : [callLog]];
        if (niceness > 0)
        {
            Console.WriteLine($"Slack stub at nice {niceness}.");
            command = ["nice", "-n", niceness.ToString(CultureInfo.InvariantCulture), .. command];
        }
        return ChildProcess.StartAsync(command[0], command[1..], new Uri($"http://127.0.0.1:{slackPort}/healthz"), name: "slack-stub");
    }

    /// <summary>What a workload needs of the bot beyond Slack (the intake's source key).</summary>
    public static IReadOnlyDictionary<string, string>? SettingsFor(string workload) => IntakeLoad.IsWorkload(workload) ? IntakeLoad.BotSettings : null;

    /// <summary>The bot as a child process on the embedded store at <paramref name="database"/>, talking to the Slack stub.</summary>
    public static Task<ChildProcess> StartBotAsync(string repo, BotVariant variant, int slackPort, int botPort, string database, IReadOnlyDictionary<string, string>? workloadSettings = null)
    {
        var botDll = variant.BotDll ?? Path.Combine(repo, "src", "IncidentBot", "bin", "Release", "net10.0", "IncidentBot.dll");
        if (!File.Exists(botDll))
            throw new FileNotFoundException($"Build the bot first: dotnet build -c Release (missing {botDll}).");
        var environment = new Dictionary<string, string>
        {
            ["ASPNETCORE_ENVIRONMENT"] = "Production",
            ["Slack__SigningSecret"] = Secret,
            ["Slack__BotToken"] = "xoxb-load-test",
            ["Slack__ApiBaseUrl"] = $"http://127.0.0.1:{slackPort}/api/",
            ["Slack__AllowLoopbackTargets"] = "true",
            ["Slack__AnnouncementChannel"] = "C0ANNOUNCE",
            ["Storage__Path"] = database,
            // The declaration spool defaults to a path beside the working directory; keep it with this run's database.
            ["Spool__Path"] = Path.Combine(Path.GetDirectoryName(database)!, "spool.db"),
            ["Logging__LogLevel__Default"] = "Warning",
        };
        foreach (var (key, value) in workloadSettings ?? new Dictionary<string, string>())
            environment[key] = value;
        foreach (var (key, value) in variant.Environment)
            environment[key] = value;
        return ChildProcess.StartAsync("dotnet", [botDll, "--urls", $"http://127.0.0.1:{botPort}"], new Uri($"http://127.0.0.1:{botPort}/healthz"), environment, name: variant.Name);
    }

    /// <summary>Removes a bot's database folder; the bot may still hold the file for a moment (it is in the temp folder).</summary>
    public static void DeleteDatabase(string database)
    {
        try
        {
            Directory.Delete(Path.GetDirectoryName(database)!, recursive: true);
        }
        catch (IOException)
        {
            // left in the temp folder
        }
    }

    /// <summary>Issue 3's comparison: the bare endpoint (unless <c>--bare false</c>), then the bot.</summary>
    private static async Task<bool> CompareWithBareAsync(LoadOptions options, string host, string[] self, ChildProcess bot, Uri botUrl)
    {
        var results = new List<(string Name, LoadResult Result)>();
        if (options.Bare)
        {
            var barePort = FreePort();
            await using var bare = await ChildProcess.StartAsync(host, [.. self, "--serve-bare", Port(barePort)], new Uri($"http://127.0.0.1:{barePort}/healthz"), name: "bare");
            results.Add(("bare Kestrel", await LoadRunner.RunAsync(new Uri($"http://127.0.0.1:{barePort}/slack/commands"), options, () => bare.ProcessorTime)));
        }
        results.Add((Ours, await LoadRunner.RunAsync(botUrl, options, () => bot.ProcessorTime)));
        Report.Print(options, results);
        return true;
    }

    /// <summary>
    /// Issue 12: the bot and Bolt for JS on the same machine in the same run, round after round
    /// (bot, peer, bot, peer…), each round after the previous server has finished its background work.
    /// </summary>
    private static async Task<bool> AlternateAsync(LoadOptions options, string repo, int slackPort, ChildProcess bot, Uri botUrl, double botIdleRate)
    {
        var peerPort = FreePort();
        await using var peer = await NodePeer.StartAsync(repo, options.Peer!, "app.js", peerPort, new Dictionary<string, string>
        {
            ["SLACK_SIGNING_SECRET"] = Secret,
            ["SLACK_API_URL"] = $"http://127.0.0.1:{slackPort}/api/",
        });
        var peerIdleRate = await CpuIdle.MeasureRateAsync(() => peer.ProcessorTime, TimeSpan.FromSeconds(2));
        var servers = new (string Name, ChildProcess Process, LoadRunner Runner, double IdleRate)[]
        {
            (Ours, bot, new LoadRunner(botUrl, countUnnumbered: true), botIdleRate),
            (options.Peer!, peer, new LoadRunner(new Uri($"http://127.0.0.1:{peerPort}/slack/commands")), peerIdleRate),
        };
        try
        {
            foreach (var server in servers)
            {
                Console.WriteLine($"Warming up {server.Name} ({options.WarmupSeconds} s)…");
                await server.Runner.WarmAsync(options.Rate, options.WarmupSeconds, options.Workload);
                await CpuIdle.WaitAsync(() => server.Process.ProcessorTime, server.IdleRate, DrainLimit);
            }
            var rounds = new List<RoundResult>();
            for (var round = 1; round <= options.Rounds; round++)
            {
                foreach (var server in servers)
                {
                    var result = await server.Runner.MeasureAsync(options.Rate, options.Seconds, options.Workload, () => server.Process.ProcessorTime);
                    var measured = WithDrain(result.ToRound(server.Name, round, options.Rate),
                        await CpuIdle.WaitAsync(() => server.Process.ProcessorTime, server.IdleRate, DrainLimit), server.IdleRate);
                    rounds.Add(measured);
                    Console.WriteLine(Invariant($"  round {round} {server.Name}: p50 {measured.Percentile(50):F1} / p99 {measured.Percentile(99):F1} ms, {measured.Failures} failed"));
                }
            }
            RoundReport.Print(rounds, Ours, options.Peer!, targetRatio: 1.5,
                "server CPU is the server process's own; '+ background' adds what it spent afterwards, idle rate subtracted, until idle again");
            return rounds.All(r => r.Failures == 0);
        }
        finally
        {
            foreach (var server in servers)
                server.Runner.Dispose();
        }
    }

    /// <summary>
    /// Issue 12: the embedded store's saturation. Each rate runs against the bot alone, then the bot is
    /// left to finish its background work; the first rate it does not keep up with ends the climb.
    /// Then the mixed workload at <c>--rate</c> gives the CPU per ordinary command.
    /// </summary>
    private static async Task<bool> SaturationAsync(LoadOptions options, ChildProcess bot, ChildProcess slack, Uri botUrl, double idleRate)
    {
        using var runner = new LoadRunner(botUrl, countUnnumbered: true) { BatchSize = options.BatchSize, OpenEvery = options.OpenEvery };
        var rates = options.Rates!;
        if (rates.Count == 0)
            throw new ArgumentException("--rates needs at least one rate.");
        Console.WriteLine($"Warming up at {rates[0]}/s ({options.WarmupSeconds} s)…");
        await runner.WarmAsync(rates[0], options.WarmupSeconds, options.Workload);
        await CpuIdle.WaitAsync(() => bot.ProcessorTime, idleRate, DrainLimit);

        var isIntake = IntakeLoad.IsWorkload(options.Workload);
        var steps = new List<(RoundResult Result, bool KeptUp, string Why)>();
        foreach (var rate in rates)
        {
            var senderCpu = Environment.CpuUsage.TotalTime;
            var stubCpu = slack.ProcessorTime;
            var measured = await runner.MeasureAsync(rate, options.Seconds, options.Workload, () => bot.ProcessorTime);
            senderCpu = Environment.CpuUsage.TotalTime - senderCpu;
            stubCpu = slack.ProcessorTime - stubCpu;
            var result = WithDrain(measured.ToRound(Ours, steps.Count + 1, rate),
                await CpuIdle.WaitAsync(() => bot.ProcessorTime, idleRate, TimeSpan.FromSeconds(120)), idleRate);
            var why = result switch
            {
                // Intake reports wait for one of the sender's connections, so a bot that answers too slowly holds the sender back.
                { SentRate: var sent } when sent < 0.95 * rate && isIntake => Invariant($"the bot held all {IntakeLoad.MaxInFlight} of the sender's connections (sent {sent:F0}/s)"),
                { SentRate: var sent } when sent < 0.95 * rate => Invariant($"the sender managed only {sent:F0}/s (the machine, not the bot)"),
                { Failures: > 0 } => $"{result.Failures} failed",
                { Achieved: var achieved } when achieved < 0.95 * rate => Invariant($"achieved {achieved:F0}/s"),
                _ when result.Percentile(99) > options.MaxP99Ms => Invariant($"p99 {result.Percentile(99):F0} ms > {options.MaxP99Ms} ms"),
                _ => "",
            };
            steps.Add((result, why.Length == 0, why));
            Console.WriteLine(Invariant($"  {rate}/s: achieved {result.Achieved:F0}/s, p50 {result.Percentile(50):F1} / p99 {result.Percentile(99):F1} ms, {(why.Length == 0 ? "kept up" : "did not keep up: " + why)}"));
            // Which reports make the tail: one in ten opens an incident (a declaration and its jobs), the rest join one.
            if (measured.ByKind.Count > 1)
            {
                var p99 = result.Percentile(99); // sorts all the round's latencies: once, not once for each of them
                Console.WriteLine("    by kind: " + string.Join("; ", measured.ByKind.OrderBy(k => k.Key, StringComparer.Ordinal).Select(k =>
                    Invariant($"{k.Key} {k.Value.Length}, p50 {LoadResult.Percentile(k.Value, 50):F1} / p99 {LoadResult.Percentile(k.Value, 99):F1} ms, {100.0 * k.Value.Count(ms => ms > p99) / Math.Max(1, result.LatenciesMs.Length):F2} % of all above the p99"))));
            }
            if (isIntake)
                Console.WriteLine("    tail: " + measured.Tail);
            // The sender and the Slack stub share the machine's CPUs with the bot: what they cost is what the bot could not have.
            var requests = Math.Max(1, result.LatenciesMs.Length + result.Failures);
            Console.WriteLine(Invariant($"    sender (this process): {senderCpu.TotalMilliseconds / requests:F3} ms of CPU a request; the Slack stub while sending: {stubCpu.TotalMilliseconds / requests:F3} ms a request"));
            if (options.TimelinePath is { } timeline)
                await Timeline.AppendAsync(timeline, rate, measured.Timeline, first: steps.Count == 1);
            if (why.Length > 0)
                break;
        }

        RoundResult? mixed = null;
        if (!isIntake)
        {
            Console.WriteLine($"Mixed workload at {options.Rate}/s for {options.Seconds} s (CPU per ordinary command)…");
            mixed = WithDrain((await runner.MeasureAsync(options.Rate, options.Seconds, "mixed", () => bot.ProcessorTime)).ToRound(Ours + " (mixed)", 0, options.Rate),
                await CpuIdle.WaitAsync(() => bot.ProcessorTime, idleRate, DrainLimit), idleRate);
        }

        Console.WriteLine();
        Console.WriteLine($"| workload | offered/s | sent/s | achieved/s | answered | failures | no number | p50 ms | p90 ms | p99 ms | max ms | CPU ms/request | + background | kept up |");
        Console.WriteLine("| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | --- |");
        var rows = steps.Select(s => (s.Result, s.KeptUp, s.Why));
        foreach (var (r, keptUp, why) in mixed is null ? rows : rows.Append((mixed, true, "")))
        {
            Console.WriteLine(Invariant(
                $"| {(r == mixed ? "mixed" : options.Workload)} | {r.Rate} | {r.SentRate:F0} | {r.Achieved:F0} | {r.LatenciesMs.Length} | {r.Failures} | {r.Unnumbered} | {r.Percentile(50):F1} | {r.Percentile(90):F1} | {r.Percentile(99):F1} | {r.Percentile(100):F1} | {r.CpuMsPerRequest:F2} | {r.CpuMsPerRequestWithDrain:F2} ({r.DrainTime.TotalSeconds:F0} s) | {(r == mixed ? "—" : keptUp ? "yes" : "no: " + why)} |"));
        }
        var best = steps.Where(s => s.KeptUp).Select(s => s.Result).LastOrDefault();
        Console.WriteLine();
        var target = isIntake ? "Target (issue 13): 2,000 reports/s at p99 ≤ 50 ms." : "Target: ≥ 1,000 declares/s.";
        Console.WriteLine(best is null
            ? $"The bot kept up with none of the rates (p99 limit {options.MaxP99Ms} ms). {target}"
            : Invariant($"Highest rate kept up with: {best.Rate}/s (achieved {best.Achieved:F0}/s, p99 {best.Percentile(99):F1} ms ≤ {options.MaxP99Ms} ms){(steps.All(s => s.KeptUp) ? "; every rate given was kept up with, so try higher ones" : "")}. {target}"));
        if (best is not null)
            Console.WriteLine(Invariant($"Server CPU per {(isIntake ? "report" : "declare")} at {best.Rate}/s: {best.CpuMsPerRequest:F2} ms ({best.CpuMsPerRequestWithDrain:F2} ms with the background work it left).{(isIntake ? "" : " Target ≤ 1 ms.")}"));
        if (mixed is null)
            return steps.All(s => s.Result.Failures == 0);
        Console.WriteLine(Invariant($"Server CPU per mixed-workload command at {mixed.Rate}/s: {mixed.CpuMsPerRequest:F2} ms ({mixed.CpuMsPerRequestWithDrain:F2} ms with background). Target ≤ 0.5 ms."));
        return mixed.Failures == 0;
    }

    /// <summary>Adds the CPU spent after the round until idle again, less what the server spends idle anyway.</summary>
    private static RoundResult WithDrain(RoundResult result, (TimeSpan Waited, TimeSpan Cpu, bool Idle) drain, double idleRate) => result with
    {
        DrainCpu = drain.Cpu,
        DrainTime = drain.Waited,
        CpuMsPerRequestWithDrain = (result.ServerCpu + drain.Cpu - (drain.Waited * idleRate)).TotalMilliseconds / Math.Max(1, result.Sent),
    };

    public static string Port(int port) => port.ToString(CultureInfo.InvariantCulture);

    private static string FindRepositoryRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "IncidentBot.sln")))
                return directory.FullName;
        }
        throw new DirectoryNotFoundException("Run the harness from inside the repository.");
    }
}
