using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using IncidentBot.Dialogs.Evidence;
using IncidentBot.Dialogs.Incidents;
using IncidentBot.Dialogs.Storage;

namespace IncidentBot.StoreBenchmarks;

/// <summary>
/// <c>ledger-cost [embedded|cosmos] [changes]</c>: what the evidence ledger adds to one incident change.
/// "With": a note through <see cref="IncidentStore.UpdateAsync"/> (incident replaced, timeline event
/// created, ledger head read and replaced, entry created: one unit). "Today's write": the same read and
/// the same two documents committed straight to the store, no ledger. The two alternate in blocks so
/// a busy machine weighs on both alike; CPU is the process's, per change.
/// </summary>
internal static class LedgerCost
{
    private const int Block = 100;
    private static readonly UserId Scribe = new("U0BENCH");

    public static async Task<int> RunAsync(string[] args)
    {
        var kind = args is [var k, ..] ? k : BenchmarkStore.Embedded;
        var changes = args is [_, var n, ..] ? int.Parse(n, CultureInfo.InvariantCulture) : 2000;
        await using var store = await BenchmarkStore.OpenAsync(kind);
        var with = (await store.DeclareAsync("Ledger cost: with the ledger")).Key;
        var without = (await store.DeclareAsync("Ledger cost: today's write")).Key;

        await RunWithAsync(store, with, Block);
        await RunWithoutAsync(store, without, Block); // warm-up
        TimeSpan cpuWith = default, cpuWithout = default, wallWith = default, wallWithout = default;
        for (var done = 0; done < changes; done += Block)
        {
            var (cpu, wall) = await MeasureAsync(() => RunWithAsync(store, with, Block));
            cpuWith += cpu;
            wallWith += wall;
            (cpu, wall) = await MeasureAsync(() => RunWithoutAsync(store, without, Block));
            cpuWithout += cpu;
            wallWithout += wall;
        }

        var head = (await new LedgerStore(store.Documents).HeadAsync(new WorkspaceId(BenchmarkStore.Workspace), with, CancellationToken.None))!.Value;
        var entry = (await store.Documents.ReadAsync<LedgerEntryDocument>(BenchmarkStore.Workspace, LedgerEntryDocument.IdFor(with.Value, head.Seq), CancellationToken.None))!.Value;
        var found = (await store.Incidents.FindAsync(new WorkspaceId(BenchmarkStore.Workspace), with, CancellationToken.None))!.Value;
        var lastEvent = (await store.Documents.ReadAsync<TimelineEvent>(BenchmarkStore.Workspace, TimelineEvent.IdFor(with.Value, found.Version), CancellationToken.None))!.Value;
        int Bytes(IDocument d) => JsonSerializer.SerializeToUtf8Bytes(d, d.GetType(), DocumentJson.Options).Length;

        var perChange = (double)changes;
        Console.WriteLine($"store {kind}, {changes} notes each way, machine load {File.ReadAllText("/proc/loadavg").Split(' ')[0]}");
        Console.WriteLine($"today's write : {cpuWithout.TotalMicroseconds / perChange,8:F0} µs CPU, {wallWithout.TotalMicroseconds / perChange,8:F0} µs wall per change; incident {Bytes(found)} B + event {Bytes(lastEvent)} B");
        Console.WriteLine($"with ledger   : {cpuWith.TotalMicroseconds / perChange,8:F0} µs CPU, {wallWith.TotalMicroseconds / perChange,8:F0} µs wall per change; + entry {Bytes(entry)} B");
        Console.WriteLine($"ledger adds   : {(cpuWith - cpuWithout).TotalMicroseconds / perChange,8:F0} µs CPU ({(cpuWith / cpuWithout - 1) * 100:F0} %), one write more in the unit (and a read of the last entry when this process did not append it)");
        return 0;
    }

    private static async Task<(TimeSpan Cpu, TimeSpan Wall)> MeasureAsync(Func<Task> run)
    {
        var process = Process.GetCurrentProcess();
        var cpu = process.TotalProcessorTime;
        var wall = Stopwatch.StartNew();
        await run();
        process.Refresh();
        return (process.TotalProcessorTime - cpu, wall.Elapsed);
    }

    private static async Task RunWithAsync(BenchmarkStore store, IncidentNumber number, int count)
    {
        for (var i = 0; i < count; i++)
        {
            var result = await store.Incidents.UpdateAsync(BenchmarkStore.Workspace, number,
                incident => IncidentLifecycle.AddNote(incident, $"Observation {i}: the mirror at example.org is down", Scribe, TimeProvider.System.GetUtcNow()), CancellationToken.None);
            if (!result.IsSuccess)
                throw new InvalidOperationException(result.Error.Message.ToPlainText());
        }
    }

    private static async Task RunWithoutAsync(BenchmarkStore store, IncidentNumber number, int count)
    {
        for (var i = 0; i < count; i++)
        {
            var found = (await store.Documents.ReadAsync<Incident>(BenchmarkStore.Workspace, number.DocumentId, CancellationToken.None))!;
            var transition = IncidentLifecycle.AddNote(found.Value, $"Observation {i}: the mirror at example.org is down", Scribe, TimeProvider.System.GetUtcNow()).Value;
            var batch = new DocumentBatch(BenchmarkStore.Workspace);
            batch.Replace(transition.Incident, found.ETag);
            batch.Create(transition.Event);
            await store.Documents.CommitAsync(batch, CancellationToken.None);
        }
    }
}
