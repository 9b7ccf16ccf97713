using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using IncidentBot.Dialogs.Incidents;
using IncidentBot.Dialogs.Intake;
using IncidentBot.Testing.Fakes;
using Microsoft.Extensions.DependencyInjection;
using IncidentBot.Testing.Hosts;

namespace IncidentBot.IntakeBench;

// Intake benchmark (issue 13). The whole bot over Kestrel (embedded SQLite store, real Hangfire
// in-memory storage, the system clock) against the fake Slack server of the integration tests:
//   1. sustained: reports sent open-loop at a fixed rate through POST /api/intake/reports, 90 % of
//      them joining one of the trends opened beforehand, 10 % opening a new trend; latency of each
//      (from its planned send time, so a stalled server cannot hide queueing) and the rate achieved.
//   2. storm: N reports of one trend nobody has seen, as fast as the given rate allows; then waits
//      for the digests: one incident, and at most one channel message a minute.
// The sustained round runs three times at the same rate: a bare Kestrel peer (HTTP and JSON only), the bot over
// HTTP, and the recorder called in-process; each with its process CPU per report, so the split and the ratio to the
// peer stay meaningful on a loaded machine.
// Each round also says what made its tail: latency of joining and of opening reports apart, whether the slowest
// hundredth is bunched in a few 100 ms windows (stalls) or spread (queueing), and the runtime's GC pauses and
// thread-pool lag (RuntimeProbe); with trace.patch applied to the bot, its stage and write-gate times (BotTrace).
// With a batch size (8th argument), the same mix is also sent through POST /api/intake/reports/batch, as a detection
// system sends it: each report still counts from its own planned time, so the wait for its batch to fill is in its latency.
// dotnet run -c Release --project bench/IncidentBot.IntakeBench -- [rate] [seconds] [trends] [stormReports] [stormRate] [new %, default 10] [warm-up s] [batch size]
internal static class IntakeBenchmark
{
    private const string Workspace = "T0BENCH";
    private const string Key = "trending-bench-key-0123456789";

    /// <summary>
    /// Sent before each measured round and not counted: the JIT compiles the hot paths again,
    /// optimised, after their first calls, and that CPU would otherwise be charged to the reports.
    /// Three seconds is not enough for the bot to finish (each round prints the JIT time it still
    /// had); the 7th argument sets a longer warm-up.
    /// </summary>
    private const int DefaultWarmUpSeconds = 3;

    private static int WarmUpSeconds = DefaultWarmUpSeconds;

    /// <summary>Requests in flight at once, as a detection system's sender pool would allow.</summary>
    private const int MaxInFlight = 64;

    public static async Task Main(string[] args)
    {
        var rate = Arg(args, 0, 2000);
        var seconds = Arg(args, 1, 20);
        var trends = Arg(args, 2, 100);
        var stormReports = Arg(args, 3, 10_000);
        var stormRate = Arg(args, 4, 1000);
        var newPercent = Arg(args, 5, 10);
        WarmUpSeconds = Arg(args, 6, DefaultWarmUpSeconds);
        var batchSize = Arg(args, 7, 0);

        // WebApplicationFactory looks for the web project's folder beside the solution; the output folder does as well.
        Environment.SetEnvironmentVariable("ASPNETCORE_TEST_CONTENTROOT_INCIDENTBOT", AppContext.BaseDirectory);
        Console.WriteLine($"IncidentBot intake benchmark · {Environment.ProcessorCount} cores · .NET {Environment.Version} · {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC · load average {LoadAverage()}");
        if (rate > 0)
        {
            await SustainedAsync(rate, seconds, trends, newPercent, batchSize);
            Console.WriteLine($"load average {LoadAverage()}");
        }
        if (stormReports > 0)
        {
            await StormAsync(stormReports, stormRate);
            Console.WriteLine($"load average {LoadAverage()}");
        }
    }

    private static async Task SustainedAsync(int rate, int seconds, int trends, int newPercent, int batchSize)
    {
        // The peer first, at the same rate and in the same process: the floor of HTTP and JSON on this machine now.
        await using (var peer = await BarePeer.StartAsync())
        {
            var random = new Random(13);
            JsonObject NextPeer() => Report($"#benchtrend{random.Next(trends)}");
            await OpenLoopAsync(report => SendAsync(peer.Client, report), rate, WarmUpSeconds, NextPeer);
            var measured = await MeasureAsync(() => OpenLoopAsync(report => SendAsync(peer.Client, report), rate, seconds, NextPeer));
            Print($"peer (bare Kestrel, parse, 202) at {rate}/s", measured, rate, seconds);
        }

        await using var run = await Run.StartAsync();
        for (var t = 0; t < trends; t++)
            await run.PostAsync(Report($"#benchtrend{t}"));
        await Task.Delay(TimeSpan.FromSeconds(5)); // the seeded incidents' channel jobs
        var newTrends = 0;
        var mix = new Random(13);
        JsonObject Next() => mix.NextDouble() * 100 >= newPercent ? Report($"#benchtrend{mix.Next(trends)}") : Report($"#benchnew{Interlocked.Increment(ref newTrends)}");

        await OpenLoopAsync(run.PostAsync, rate, WarmUpSeconds, Next);
        var http = await MeasureAsync(() => OpenLoopAsync(run.PostAsync, rate, seconds, Next));
        Print($"sustained over HTTP: {trends} trends open, {100 - newPercent} % joining, {newPercent} % new, at {rate}/s", http, rate, seconds);
        Console.WriteLine($"  incidents in the store: {await CountIncidentsAsync(run)} ({trends} seeded, {newTrends} new trends sent so far)");

        if (batchSize > 0)
        {
            await Task.Delay(TimeSpan.FromSeconds(3)); // the previous round's channel jobs
            await BatchLoopAsync(run, rate, WarmUpSeconds, batchSize, Next);
            var batched = await MeasureAsync(() => BatchLoopAsync(run, rate, seconds, batchSize, Next));
            Print($"sustained over HTTP in batches of {batchSize} (POST /api/intake/reports/batch): same mix at {rate}/s", batched, rate, seconds);
            Console.WriteLine($"  incidents in the store: {await CountIncidentsAsync(run)} ({trends} seeded, {newTrends} new trends sent so far)");
        }

        // The same mix handed to the recorder in-process: what storing costs without HTTP and JSON.
        await Task.Delay(TimeSpan.FromSeconds(3)); // the HTTP phase's channel jobs
        var recorder = run.Bot.Services.GetRequiredService<IntakeRecorder>();
        var workspace = new WorkspaceId(Workspace);
        var direct = await MeasureAsync(() => OpenLoopAsync(async report =>
        {
            var recorded = await recorder.RecordAsync(workspace, IncidentBot.Dialogs.Platform.PlatformId.Slack, Direct(report), CancellationToken.None);
            return recorded.IsSuccess ? HttpStatusCode.Accepted : HttpStatusCode.ServiceUnavailable;
        }, rate, seconds, Next));
        Print($"sustained, recorder in-process (no HTTP): same mix at {rate}/s", direct, rate, seconds);
        Console.WriteLine($"  incidents in the store: {await CountIncidentsAsync(run)} ({trends} seeded, {newTrends} new trends sent in all)");
    }

    // Each trend is its own incident only if no key joins them: a hashtag stops at '-', so "#bench-trend-7" was "#bench" for every report.
    private static async Task<int> CountIncidentsAsync(Run run) =>
        await run.Bot.Services.GetRequiredService<IncidentBot.Dialogs.Storage.IDocumentStore>()
            .CountAsync(new IncidentBot.Dialogs.Storage.DocumentQuery(new WorkspaceId(Workspace), Incident.DocumentType), CancellationToken.None);

    private static async Task<Measured> MeasureAsync(Func<Task<Round>> round)
    {
        using var process = Process.GetCurrentProcess();
        var probe = new RuntimeProbe();
        var cpuBefore = process.TotalProcessorTime;
        var allocatedBefore = GC.GetTotalAllocatedBytes();
        var collectionsBefore = GC.CollectionCount(0);
        var jitBefore = (Methods: System.Runtime.JitInfo.GetCompiledMethodCount(), Time: System.Runtime.JitInfo.GetCompilationTime());
        var result = await round();
        process.Refresh();
        var cpu = process.TotalProcessorTime - cpuBefore;
        probe.Stop();
        var jit = (Methods: System.Runtime.JitInfo.GetCompiledMethodCount() - jitBefore.Methods, Time: System.Runtime.JitInfo.GetCompilationTime() - jitBefore.Time);
        return new Measured(result, cpu, GC.GetTotalAllocatedBytes() - allocatedBefore, GC.CollectionCount(0) - collectionsBefore, LoadAverage(), probe, jit);
    }

    private static void Print(string what, Measured m, int rate, int seconds)
    {
        var r = m.Round;
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{what}: {r.Sent} planned over {seconds} s, answered in {r.Elapsed.TotalSeconds:0.0} s = {r.Sent / r.Elapsed.TotalSeconds:0} reports/s, {r.Failures} not 202; " +
            $"CPU {m.Cpu.TotalMilliseconds / r.Sent:0.000} ms/report ({m.Cpu.TotalSeconds / r.Elapsed.TotalSeconds:0.00} cores busy), {m.Allocated / 1024.0 / r.Sent:0.0} KiB allocated/report, {m.Gen0} gen0 GCs; load {m.Load}"));
        Report("  latency from planned send time", [.. r.Samples.Select(s => s.Latency)]);
        // Still compiling: tier-up of hot methods (with dynamic PGO, twice) runs on a background thread during the round.
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"  JIT during the round: {m.Jit.Methods} methods compiled, {m.Jit.Time.TotalMilliseconds:0} ms compiling ({100 * m.Jit.Time.TotalMilliseconds / m.Cpu.TotalMilliseconds:0} % of the round's CPU)"));
        if (r.Samples.Any(s => s.IsNew))
        {
            Report("    of reports joining a trend", [.. r.Samples.Where(s => !s.IsNew).Select(s => s.Latency)]);
            Report("    of reports opening a new trend", [.. r.Samples.Where(s => s.IsNew).Select(s => s.Latency)]);
        }
        DescribeTail(r, m.Probe);
        BotTrace.Describe(r.Samples.Select(s => (s.Due, s.Latency, s.ExternalId)).ToList(), r.StartedAtTimestamp, r.Elapsed);
        _ = rate;
    }

    /// <summary>
    /// Whether the slowest hundredth is spread over the round (queueing) or bunched in a few moments (stalls):
    /// the 100 ms windows of planned send time its reports fall in, the worst of them, and the runtime's events.
    /// </summary>
    private static void DescribeTail(Round r, RuntimeProbe probe)
    {
        if (r.Samples.Count < 100)
            return;
        var sorted = r.Samples.Select(s => s.Latency).Order().ToList();
        var p99 = sorted[(int)Math.Ceiling(0.99 * sorted.Count) - 1];
        var tail = r.Samples.Where(s => s.Latency > p99).ToList();
        var windows = tail.GroupBy(s => (int)(s.Due * 10)).OrderByDescending(w => w.Count()).ToList();
        var busiest = string.Join(", ", windows.Take(6).Select(w =>
            string.Create(CultureInfo.InvariantCulture, $"{w.Key / 10.0:0.0} s ×{w.Count()} (max {w.Max(s => s.Latency):0} ms)")));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"  tail: {tail.Count} reports above p99 ({tail.Count(s => s.IsNew)} opening a trend) in {windows.Count} windows of 100 ms; the busiest: {busiest}"));
        // The probe's clock started just before the round's own.
        var offset = (r.StartedAt - probe.StartedAt).TotalSeconds;
        Console.WriteLine(probe.Describe([.. tail.Select(s => (s.Due + offset, s.Latency))]));
        foreach (var gc in probe.Gcs.Where(g => g.PauseMs > 5))
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"    GC pause {gc.PauseMs:0.0} ms at {gc.At - offset:0.00} s: gen{gc.Generation} type {gc.Type} reason {gc.Reason}"));
    }

    private static IntakeReport Direct(JsonObject report) => new()
    {
        Source = IncidentSource.Trending,
        ExternalId = (string)report["externalId"]!,
        ReceivedAt = DateTimeOffset.UtcNow,
        Text = (string?)report["text"],
        TrendKey = (string?)report["trendKey"],
        Market = (string?)report["market"],
        Language = (string?)report["language"],
    };

    private static async Task<HttpStatusCode> SendAsync(HttpClient client, JsonObject report)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/intake/reports")
        {
            Content = new StringContent(report.ToJsonString(), Encoding.UTF8, "application/json"),
        };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", Key);
        using var response = await client.SendAsync(request);
        await response.Content.ReadAsByteArrayAsync();
        return response.StatusCode;
    }

    private sealed record Measured(Round Round, TimeSpan Cpu, long Allocated, int Gen0, string Load, RuntimeProbe Probe, (long Methods, TimeSpan Time) Jit);

    /// <param name="Due">Planned send time, seconds from the round's start.</param>
    private readonly record struct Sample(double Due, double Latency, bool IsNew, string ExternalId);

    /// <param name="StartedAtTimestamp">The round's start as a <see cref="Stopwatch"/> timestamp, to place the bot's own traces on the round's time line.</param>
    private sealed record Round(List<Sample> Samples, int Sent, TimeSpan Elapsed, int Failures, DateTime StartedAt, long StartedAtTimestamp);

    private static async Task StormAsync(int count, int rate)
    {
        await using var run = await Run.StartAsync();
        var seen = new ConcurrentQueue<(TimeSpan At, string Text)>();
        using var stop = new CancellationTokenSource();
        var clock = Stopwatch.StartNew();
        var watcher = Task.Run(async () =>
        {
            var known = 0;
            while (!stop.IsCancelled())
            {
                var digests = run.Slack.CallsTo("chat.postMessage").Where(c => c.Arg("text")?.Contains(" in all", StringComparison.Ordinal) == true).ToList();
                for (; known < digests.Count; known++)
                    seen.Enqueue((clock.Elapsed, digests[known].Arg("text")!));
                await Task.Delay(100);
            }
        });
        var storm = await MeasureAsync(() => OpenLoopAsync(run.PostAsync, rate, count / rate, () => Report("#benchstorm")));
        Print($"storm: reports of one new trend at up to {rate}/s", storm, rate, count / rate);
        // Waits for the digest that covers the last reports (one interval after the previous one).
        var settle = Stopwatch.StartNew();
        var incident = await run.GetAsync($"/api/incidents/1?workspace={Workspace}");
        while (settle.Elapsed < TimeSpan.FromSeconds(150) && !seen.Any(d => d.Text.Contains($"{(int)incident["reportCount"]!} in all", StringComparison.Ordinal)))
            await Task.Delay(500);
        await stop.CancelAsync();
        await watcher;
        var incidents = (await run.GetAsync($"/api/incidents?workspace={Workspace}&limit=500")).AsArray().Count;
        var channel = (string?)incident["channel"];
        var times = seen.Select(d => d.At).ToList();
        var gaps = times.Zip(times.Skip(1), (a, b) => (b - a).TotalSeconds).ToList();
        var channelPosts = run.Slack.CallsTo("chat.postMessage").Count(c => channel is not null && c.Arg("channel") == channel);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"  incidents: {incidents}; reportCount {(int)incident["reportCount"]!}; digests {times.Count} over {clock.Elapsed.TotalSeconds:0} s; shortest gap between digests {(gaps.Count == 0 ? "—" : gaps.Min().ToString("0.0", CultureInfo.InvariantCulture) + " s")}; messages in the incident channel {channelPosts}"));
        foreach (var (at, text) in seen)
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"    {at.TotalSeconds,6:0.0} s  {text}"));
    }

    /// <summary>Sends reports at <paramref name="rate"/> a second for <paramref name="seconds"/>, each when it is due, without waiting for earlier answers.</summary>
    private static async Task<Round> OpenLoopAsync(
        Func<JsonObject, Task<HttpStatusCode>> send, int rate, int seconds, Func<JsonObject> next)
    {
        var total = rate * seconds;
        var latencies = new ConcurrentBag<Sample>();
        var failures = 0;
        var pending = new List<Task>(total);
        // Connections a sender keeps open at most; a report waiting for one still counts its wait in its latency.
        using var connections = new SemaphoreSlim(MaxInFlight);
        var startedAt = DateTime.UtcNow;
        var startedAtTimestamp = Stopwatch.GetTimestamp();
        var clock = Stopwatch.StartNew();
        for (var i = 0; i < total; i++)
        {
            var due = TimeSpan.FromSeconds((double)i / rate);
            // One reading of the clock: a second one could pass the due time and make the wait negative.
            var wait = due - clock.Elapsed;
            if (wait > TimeSpan.Zero)
                await Task.Delay(wait);
            var report = next();
            var isNew = ((string?)report["trendKey"])?.StartsWith("#benchnew", StringComparison.Ordinal) == true;
            await connections.WaitAsync();
            pending.Add(Task.Run(async () =>
            {
                try
                {
                    var status = await send(report);
                    latencies.Add(new Sample(due.TotalSeconds, (clock.Elapsed - due).TotalMilliseconds, isNew, (string)report["externalId"]!));
                    if (status != HttpStatusCode.Accepted)
                        Interlocked.Increment(ref failures);
                }
                finally
                {
                    connections.Release();
                }
            }));
        }
        await Task.WhenAll(pending);
        return new Round([.. latencies], total, clock.Elapsed, failures, startedAt, startedAtTimestamp);
    }

    /// <summary>
    /// The open loop in batches: a batch leaves when its last report is due, and each report's latency counts from its
    /// own planned time to the batch's answer; a report counts as failed unless its item in the answer says 202.
    /// </summary>
    private static async Task<Round> BatchLoopAsync(Run run, int rate, int seconds, int batchSize, Func<JsonObject> next)
    {
        var total = rate * seconds / batchSize * batchSize;
        var latencies = new ConcurrentBag<Sample>();
        var failures = 0;
        var pending = new List<Task>(total / batchSize);
        using var connections = new SemaphoreSlim(MaxInFlight);
        var startedAt = DateTime.UtcNow;
        var startedAtTimestamp = Stopwatch.GetTimestamp();
        var clock = Stopwatch.StartNew();
        for (var first = 0; first < total; first += batchSize)
        {
            var reports = Enumerable.Range(first, batchSize).Select(i => (Due: (double)i / rate, Report: next())).ToList();
            var sendAt = TimeSpan.FromSeconds(reports[^1].Due);
            // One reading of the clock: a second one could pass the due time and make the wait negative.
            var wait = sendAt - clock.Elapsed;
            if (wait > TimeSpan.Zero)
                await Task.Delay(wait);
            await connections.WaitAsync();
            pending.Add(Task.Run(async () =>
            {
                try
                {
                    var statuses = await run.PostBatchAsync([.. reports.Select(r => r.Report)]);
                    var answeredAt = clock.Elapsed.TotalSeconds;
                    for (var i = 0; i < reports.Count; i++)
                    {
                        var (due, report) = reports[i];
                        var isNew = ((string?)report["trendKey"])?.StartsWith("#benchnew", StringComparison.Ordinal) == true;
                        latencies.Add(new Sample(due, (answeredAt - due) * 1000, isNew, (string)report["externalId"]!));
                        if (i >= statuses.Count || statuses[i] != HttpStatusCode.Accepted)
                            Interlocked.Increment(ref failures);
                    }
                }
                finally
                {
                    connections.Release();
                }
            }));
        }
        await Task.WhenAll(pending);
        return new Round([.. latencies], total, clock.Elapsed, failures, startedAt, startedAtTimestamp);
    }

    private static JsonObject Report(string trendKey) => new()
    {
        ["externalId"] = Guid.NewGuid().ToString("N"),
        ["text"] = $"Children dare each other to hold their breath on camera {trendKey}",
        ["trendKey"] = trendKey,
        ["market"] = "NP",
        ["language"] = "en",
    };

    private static void Report(string what, List<double> samples)
    {
        if (samples.Count == 0)
        {
            Console.WriteLine($"{what}: no samples");
            return;
        }
        samples.Sort();
        double P(double q) => samples[Math.Min(samples.Count - 1, (int)Math.Ceiling(q * samples.Count) - 1)];
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{what}: n={samples.Count} p50={P(0.50):0.0} p95={P(0.95):0.0} p99={P(0.99):0.0} max={samples[^1]:0.0} ms"));
    }

    private static int Arg(string[] args, int index, int fallback) =>
        args.Length > index ? int.Parse(args[index], CultureInfo.InvariantCulture) : fallback;

    private static string LoadAverage() =>
        File.Exists("/proc/loadavg") ? string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "n/a";

    private static bool IsCancelled(this CancellationTokenSource source) => source.IsCancellationRequested;

    /// <summary>A bot with the intake configured (one trending key), its database and the fake Slack, disposed together.</summary>
    private sealed class Run : IAsyncDisposable
    {
        private readonly string _directory;

        private Run(FakeSlackServer slack, BotApplication bot, HttpClient client, string directory)
        {
            Slack = slack;
            Bot = bot;
            Client = client;
            _directory = directory;
        }

        public FakeSlackServer Slack { get; }

        public BotApplication Bot { get; }

        public HttpClient Client { get; }

        public static async Task<Run> StartAsync()
        {
            var slack = await FakeSlackServer.StartAsync();
            var directory = Path.Combine(Path.GetTempPath(), "incidentbot-bench", Guid.NewGuid().ToString("N"));
            Directory.CreateDirectory(directory);
            var bot = new BotApplication(slack, Path.Combine(directory, "bot.db"), settings: new Dictionary<string, string?>
            {
                ["Logging:LogLevel:Default"] = "Warning",
                ["Slack:AnnouncementChannel"] = "",
                ["Intake:WorkspaceId"] = Workspace,
                ["Intake:Platform"] = "slack",
                ["Intake:Sources:trending:Key"] = Key,
            });
            return new Run(slack, bot, bot.Start(), directory);
        }

        public Task<HttpStatusCode> PostAsync(JsonObject report) => SendAsync(Client, report);

        /// <summary>One batch; the status of each report from the answer's results (none when the batch itself was refused).</summary>
        public async Task<IReadOnlyList<HttpStatusCode>> PostBatchAsync(JsonObject[] reports)
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, "/api/intake/reports/batch")
            {
                Content = new StringContent(new JsonArray([.. reports]).ToJsonString(), Encoding.UTF8, "application/json"),
            };
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", Key);
            using var response = await Client.SendAsync(request);
            var body = await response.Content.ReadAsStringAsync();
            if (response.StatusCode != HttpStatusCode.OK)
                return [];
            return [.. JsonNode.Parse(body)!["results"]!.AsArray().Select(r => (HttpStatusCode)(int)r!["status"]!)];
        }

        public async Task<JsonNode> GetAsync(string path)
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, path);
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", BotApplication.ApiKey);
            using var response = await Client.SendAsync(request);
            response.EnsureSuccessStatusCode();
            return JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        }

        public async ValueTask DisposeAsync()
        {
            Client.Dispose();
            await Bot.DisposeAsync();
            await Slack.DisposeAsync();
            Directory.Delete(_directory, recursive: true);
        }
    }
}
