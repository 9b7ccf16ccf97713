using System.Diagnostics;
using System.Globalization;
using IncidentBot.Dialogs.ActionItems;
using IncidentBot.Dialogs.Incidents;
using IncidentBot.Dialogs.Platform;
using IncidentBot.Dialogs.Storage;
using IncidentBot.Dialogs.Work;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace IncidentBot.Benchmarks;

/// <summary>
/// N pending reminders (SEV1 action items, so nothing is held for working hours) due over a
/// window, run by the real Hangfire in-memory storage (1 s polling, 10 workers) over the embedded
/// store: how much memory they hold while pending, and how late each DM goes out.
/// </summary>
internal static class PendingRemindersRun
{
    private const string Workspace = "T0BENCH";

    public static async Task<int> RunAsync(int count, TimeSpan lead, TimeSpan spread)
    {
        var database = Path.Combine(Path.GetTempPath(), "incidentbot-bench", Guid.NewGuid().ToString("N"), "bench.db");
        using var host = BenchHost.Build(database, withJobs: true);
        await host.StartAsync();
        var services = host.Services;
        var documents = services.GetRequiredService<IDocumentStore>();
        var work = services.GetRequiredService<WorkQueue>();
        var registry = services.GetRequiredService<WorkspaceRegistry>();
        var platform = services.GetRequiredService<RecordingPlatform>();
        var clock = TimeProvider.System;
        await registry.EnsureAsync(new WorkspaceId(Workspace), PlatformId.Slack, default);

        const int perIncident = 100;
        var incidents = (count + perIncident - 1) / perIncident;
        for (var n = 1; n <= incidents; n++)
        {
            await documents.CreateAsync(new Incident
            {
                WorkspaceId = Workspace, Platform = PlatformId.Slack, Number = n, Title = "Bench", Severity = Severity.Sev1,
                Status = IncidentStatus.Investigating, Source = IncidentSource.Internal, Reporter = new UserId("U0REPORTER"),
                DeclaredAt = clock.GetUtcNow(), Channel = new ChannelId("C" + n.ToString(CultureInfo.InvariantCulture)),
            }, default);
        }

        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();
        var heapBefore = GC.GetTotalMemory(forceFullCollection: true);
        var rssBefore = Process.GetCurrentProcess().WorkingSet64;

        var start = clock.GetUtcNow() + lead;
        var due = new Dictionary<string, DateTimeOffset>(count, StringComparer.Ordinal);
        var seeding = Stopwatch.StartNew();
        for (var i = 0; i < count; i++)
        {
            var number = i / perIncident + 1;
            var sequence = i % perIncident + 1;
            var at = start + spread * i / count;
            var item = new ActionItem
            {
                WorkspaceId = Workspace, IncidentNumber = number, Sequence = sequence, Text = "Bench reminder",
                Owner = new UserId("U" + (i % 50).ToString("D4", CultureInfo.InvariantCulture)), CreatedBy = new UserId("U0REPORTER"),
                CreatedAt = clock.GetUtcNow(), DueAt = at,
            };
            await documents.CreateAsync(item, default);
            await work.RequestAsync(new WorkspaceId(Workspace), ActionItemReminderWork.WorkKind, item.Id, at, default);
            due[$"{sequence}@{number}"] = at;
        }
        seeding.Stop();

        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();
        var heapPending = GC.GetTotalMemory(forceFullCollection: true);
        var rssPending = Process.GetCurrentProcess().WorkingSet64;
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"seeded {count} pending reminders in {seeding.Elapsed.TotalSeconds:F1} s; first due in {(start - clock.GetUtcNow()).TotalSeconds:F1} s, spread over {spread.TotalSeconds:F0} s"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"memory while pending: managed heap +{(heapPending - heapBefore) / 1048576.0:F1} MiB ({heapPending / 1048576.0:F1} MiB total), working set +{(rssPending - rssBefore) / 1048576.0:F1} MiB ({rssPending / 1048576.0:F1} MiB total)"));

        var deadline = start + spread + TimeSpan.FromSeconds(60);
        while (platform.DirectMessages.Count < count && clock.GetUtcNow() < deadline)
            await Task.Delay(250);

        var lateness = due.Select(d => platform.DirectMessages.TryGetValue(d.Key, out var sent) ? (sent - d.Value).TotalMilliseconds : double.PositiveInfinity)
            .Order().ToArray();
        double Percentile(double p) => lateness[Math.Min(lateness.Length - 1, (int)Math.Ceiling(p * lateness.Length) - 1)];
        var missing = lateness.Count(double.IsPositiveInfinity);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"sent {count - missing}/{count}; lateness ms: min {lateness[0]:F0}, p50 {Percentile(0.50):F0}, p95 {Percentile(0.95):F0}, p99 {Percentile(0.99):F0}, max {lateness[^1]:F0}"));
        Console.WriteLine($"p99 target <= 1000 ms: {(Percentile(0.99) <= 1000 ? "met" : "NOT met")}; sent twice: {platform.Duplicates}");

        await host.StopAsync();
        Directory.Delete(Path.GetDirectoryName(database)!, recursive: true);
        return missing == 0 ? 0 : 1;
    }
}
