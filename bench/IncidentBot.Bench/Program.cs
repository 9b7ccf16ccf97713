using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;

namespace IncidentBot.Bench;

/// <summary>
/// Activity → reply latency of the Teams path at a fixed arrival rate (open loop: activities are
/// sent on schedule whether or not earlier ones were answered, so queueing shows in the tail).
/// Latency = from starting the POST /api/messages to the Bot Connector stand-in receiving the reply.
///   dotnet run -c Release --project bench/IncidentBot.Bench -- [--rate 100] [--seconds 30] [--warmup 5] [--users 50]
/// </summary>
internal static class LatencyBench
{
    public static async Task<int> Main(string[] args)
    {
        var rate = Option("--rate", 100);
        var seconds = Option("--seconds", 30);
        var warmup = Option("--warmup", 5);
        var users = Option("--users", 50);

        var directory = Path.Combine(Path.GetTempPath(), "incidentbot-bench", Guid.NewGuid().ToString("N"));
        await using var connector = await ConnectorStandIn.StartAsync();
        var bot = new BenchBot(connector.ServiceUrl, Path.Combine(directory, "bench.db"));
        using var client = bot.Start();
        const string Tenant = "5f0c3b8e-2d41-4a7a-9c55-0e1a7b2d9c10";

        // Some incidents, so `list` reads a realistic page.
        for (var i = 0; i < 10; i++)
            await SendAsync(i % users, $"declare sev{1 + (i % 4)} Bench incident {i} --market NP", "seed-" + i);

        Console.WriteLine($"warm-up {warmup}s, then {seconds}s at {rate} activities/s from {users} users (help and list, alternating)");
        await RunAsync(warmup, "warm");
        var cpuBefore = System.Diagnostics.Process.GetCurrentProcess().TotalProcessorTime;
        var (latencies, failures, achieved) = await RunAsync(seconds, "run");
        var cpu = System.Diagnostics.Process.GetCurrentProcess().TotalProcessorTime - cpuBefore;

        latencies.Sort();
        double P(double q) => latencies.Count == 0 ? double.NaN : latencies[Math.Min(latencies.Count - 1, (int)Math.Ceiling(q * latencies.Count) - 1)];
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"activities {latencies.Count + failures}, replies {latencies.Count}, failures {failures}, achieved {achieved:0.0}/s"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"latency ms: p50 {P(0.50):0.0}  p90 {P(0.90):0.0}  p99 {P(0.99):0.0}  max {latencies.LastOrDefault():0.0}"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"cpu: {cpu.TotalMilliseconds / Math.Max(1, seconds * rate):0.0} ms per activity (bot, sender and stand-in together)"));
        Console.WriteLine($"machine: {Environment.ProcessorCount} cores, {System.Runtime.InteropServices.RuntimeInformation.OSDescription}, .NET {Environment.Version}, load average {LoadAverage()}");
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
        return failures == 0 ? 0 : 1;

        async Task<(List<double> Latencies, int Failures, double Achieved)> RunAsync(int duration, string phase)
        {
            var count = duration * rate;
            var tasks = new List<Task<double?>>(count);
            var clock = Stopwatch.StartNew();
            for (var i = 0; i < count; i++)
            {
                var due = TimeSpan.FromSeconds((double)i / rate);
                if (due > clock.Elapsed)
                    await Task.Delay(due - clock.Elapsed);
                var text = i % 2 == 0 ? "help" : "list";
                tasks.Add(SendAsync(i % users, text, $"{phase}-{i}"));
            }
            var sentIn = clock.Elapsed.TotalSeconds;
            var results = await Task.WhenAll(tasks);
            return ([.. results.OfType<double>()], results.Count(r => r is null), count / Math.Max(sentIn, 0.001));
        }

        async Task<double?> SendAsync(int user, string text, string id)
        {
            var conversation = $"a:bench-user-{user}";
            var activity = new JsonObject
            {
                ["type"] = "message",
                ["id"] = id,
                ["channelId"] = "msteams",
                ["serviceUrl"] = connector.ServiceUrl,
                ["from"] = new JsonObject { ["id"] = $"29:bench-{user}", ["name"] = $"Bench User {user}", ["aadObjectId"] = $"00000000-0000-4000-8000-{user:D12}" },
                ["recipient"] = new JsonObject { ["id"] = "28:bench-bot", ["name"] = "IncidentBot" },
                ["conversation"] = new JsonObject { ["id"] = conversation, ["conversationType"] = "personal", ["tenantId"] = Tenant },
                ["channelData"] = new JsonObject { ["tenant"] = new JsonObject { ["id"] = Tenant } },
                ["text"] = text,
            };
            var reply = connector.ReplyTo(id);
            var started = Stopwatch.GetTimestamp();
            using var content = new StringContent(activity.ToJsonString(), Encoding.UTF8, "application/json");
            using var response = await client.PostAsync("/api/messages", content);
            if (!response.IsSuccessStatusCode)
                return null;
            var arrived = await reply.WaitAsync(TimeSpan.FromSeconds(30)).ContinueWith(t => t.IsCompletedSuccessfully ? t.Result : (long?)null, TaskScheduler.Default);
            return arrived is { } at ? Stopwatch.GetElapsedTime(started, at).TotalMilliseconds : null;
        }

        // Other work on the machine skews the figures: print the load so a reader can judge them.
        static string LoadAverage() =>
            File.Exists("/proc/loadavg") ? string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "n/a";

        int Option(string name, int fallback)
        {
            var index = Array.IndexOf(args, name);
            return index >= 0 && index + 1 < args.Length ? int.Parse(args[index + 1], CultureInfo.InvariantCulture) : fallback;
        }
    }
}
