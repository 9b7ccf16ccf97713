using System.Diagnostics;
using System.Globalization;
using IncidentBot.Dialogs.Incidents;
using IncidentBot.Dialogs.Paging;
using IncidentBot.Dialogs.Platform;
using IncidentBot.Dialogs.Storage;
using IncidentBot.Testing.Fakes;
using IncidentBot.Testing.Hosts;
using Microsoft.Extensions.DependencyInjection;

namespace IncidentBot.PagingBench;

// Paging benchmark (issue #5). Two figures, each from the whole bot over Kestrel with the real
// Hangfire in-memory storage (1 s scheduler polling) against the fake Slack server:
//   1. declare → first page DM: from sending the signed slash command to the fake receiving chat.postMessage to the on-call.
//   2. escalation lateness: with N first pages pending at once, how long after its due time each step escalated.
// dotnet run -c Release --project bench/IncidentBot.PagingBench -- [declares] [escalations] [waitSeconds]
internal static class PagingBenchmark
{
    public static async Task Main(string[] args)
    {
        var declares = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 100;
        var escalations = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 1000;
        var spreadSeconds = args.Length > 2 ? int.Parse(args[2], CultureInfo.InvariantCulture) : 60;

        // WebApplicationFactory looks for the web project's folder beside the solution; the output folder does as well.
        Environment.SetEnvironmentVariable("ASPNETCORE_TEST_CONTENTROOT_INCIDENTBOT", AppContext.BaseDirectory);
        Console.WriteLine($"IncidentBot paging benchmark · {Environment.ProcessorCount} cores · .NET {Environment.Version} · {DateTime.UtcNow:yyyy-MM-dd}");
        await MeasureDeclareToFirstPageAsync(declares);
        // Steady: the pages are created over the spread and all pending when the first falls due.
        await MeasureEscalationLatenessAsync(escalations, spreadSeconds, waitSeconds: spreadSeconds + 30);
        // Burst: every page created at once, so every step falls due within the same second or two.
        await MeasureEscalationLatenessAsync(escalations, spreadSeconds: 0, waitSeconds: 30);
    }

    private static async Task MeasureDeclareToFirstPageAsync(int count)
    {
        await using var run = await BenchBot.StartAsync(waitSeconds: 600);
        var latencies = new List<double>();
        for (var i = 0; i < count + 5; i++)
        {
            var started = Stopwatch.GetTimestamp();
            using var response = await run.Client.SendAsync(SlackRequests.Command($"declare sev2 Benchmark incident {i}", TimeProvider.System));
            response.EnsureSuccessStatusCode();
            var key = $"Page: INC-{i + 1} ";
            await run.Slack.WaitForCallAsync("chat.postMessage", c => c.Arg("channel") == BenchBot.OnCall && c.Arg("text")?.StartsWith(key, StringComparison.Ordinal) == true, TimeSpan.FromSeconds(30));
            if (i >= 5) // the first few warm the JIT and the connection pools
                latencies.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
        }
        Report($"declare → first page DM ({count} sequential declares, each also opening its channel)", latencies, "ms");
    }

    private static async Task MeasureEscalationLatenessAsync(int count, int spreadSeconds, int waitSeconds)
    {
        await using var run = await BenchBot.StartAsync(waitSeconds);
        var declarer = run.Bot.Services.GetRequiredService<IncidentDeclarer>();
        var workspace = new WorkspaceId(SlackRequests.Team);
        var clock = Stopwatch.StartNew();
        // Declared straight through the domain (no HTTP) so that all of them are pending at once; routing pages each.
        await Parallel.ForAsync(0, count, new ParallelOptions { MaxDegreeOfParallelism = 8 }, async (i, ct) =>
        {
            var startAt = TimeSpan.FromSeconds((double)spreadSeconds * i / count);
            if (startAt > clock.Elapsed)
                await Task.Delay(startAt - clock.Elapsed, ct);
            await declarer.DeclareAsync(workspace, PlatformId.Slack, new UserId("U0BENCH"), new IncidentDraft { Title = $"Escalation benchmark {i}" }, null, ct);
        });
        Console.WriteLine($"  {count} incidents declared in {clock.Elapsed.TotalSeconds:0.0} s; first steps due {waitSeconds} s after each page");

        var documents = run.Bot.Services.GetRequiredService<IDocumentStore>();
        var pending = new DocumentQuery(SlackRequests.Team, Page.DocumentType).WhereEquals(Page.Paths.Step, 0).WhereEquals(Page.Paths.Status, PageStatus.Pending);
        var escalated = new DocumentQuery(SlackRequests.Team, Page.DocumentType).WhereEquals(Page.Paths.Step, 0).WhereEquals(Page.Paths.Status, PageStatus.Escalated);
        var deadline = Stopwatch.StartNew();
        var peakPending = 0;
        while (await documents.CountAsync(escalated, CancellationToken.None) < count && deadline.Elapsed < TimeSpan.FromSeconds(waitSeconds + 300))
        {
            peakPending = Math.Max(peakPending, await documents.CountAsync(pending, CancellationToken.None));
            await Task.Delay(TimeSpan.FromSeconds(1));
        }
        var lateness = new List<double>();
        await foreach (var page in documents.QueryAsync<Page>(escalated, CancellationToken.None))
            lateness.Add((page.Value.ClosedAt!.Value - (page.Value.CreatedAt + page.Value.EscalationPolicy.Steps[0].Wait)).TotalMilliseconds);
        Console.WriteLine($"  peak pending first steps: {peakPending}; escalated: {lateness.Count} of {count}");
        Report($"escalation step lateness ({count} pending, due over {spreadSeconds} s, real Hangfire in-memory, 1 s polling)", lateness, "ms");
    }

    private static void Report(string what, List<double> samples, string unit)
    {
        if (samples.Count == 0)
        {
            Console.WriteLine($"{what}: no samples");
            return;
        }
        samples.Sort();
        double P(double q) => samples[Math.Min(samples.Count - 1, (int)Math.Ceiling(q * samples.Count) - 1)];
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{what}\n  n={samples.Count} min={samples[0]:0} p50={P(0.50):0} p95={P(0.95):0} p99={P(0.99):0} max={samples[^1]:0} {unit}"));
    }
}
