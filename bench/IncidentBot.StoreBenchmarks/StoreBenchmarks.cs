using System.Globalization;
using BenchmarkDotNet.Attributes;
using IncidentBot.Dialogs.Incidents;
using IncidentBot.Dialogs.Storage;

namespace IncidentBot.StoreBenchmarks;

/// <summary>
/// Declare-to-stored latency and single store operations, on both stores in one run. A workspace
/// of 200 incidents is declared first; the read and update work on one of them.
/// </summary>
public class StoreBenchmarks
{
    private BenchmarkStore _store = null!;
    private int _events;

    [Params(BenchmarkStore.Embedded, BenchmarkStore.Cosmos)]
    public string Store { get; set; } = BenchmarkStore.Embedded;

    [GlobalSetup]
    public async Task SetupAsync()
    {
        _store = await BenchmarkStore.OpenAsync(Store);
        for (var i = 0; i < 200; i++)
            await _store.DeclareAsync($"Seeded incident {i}");
    }

    [GlobalCleanup]
    public async Task CleanupAsync() => await _store.DisposeAsync();

    /// <summary>What a person waits for after <c>/incident declare</c>: receipt, registry, number, incident, event, counter, channel work, receipt.</summary>
    [Benchmark]
    public Task<Incident> Declare() => _store.DeclareAsync("Benchmark declare");

    [Benchmark]
    public Task<Versioned<Incident>?> ReadIncident() => _store.Incidents.FindAsync(new WorkspaceId(BenchmarkStore.Workspace), new IncidentNumber(100), CancellationToken.None);

    /// <summary>A change with optimistic concurrency: read, replace with the ETag, write its timeline event.</summary>
    [Benchmark]
    public async Task<bool> UpdateIncident()
    {
        var changed = await _store.Incidents.UpdateAsync(BenchmarkStore.Workspace, new IncidentNumber(100),
            incident => IncidentLifecycle.AddNote(incident, "benchmark note", new UserId("U0BENCH"), DateTimeOffset.UtcNow), CancellationToken.None);
        return changed.IsSuccess;
    }

    [Benchmark]
    public Task<string> CreateTimelineEvent() => _store.Documents.CreateAsync(new TimelineEvent
    {
        Id = TimelineEvent.IdFor(100, "bench-" + Interlocked.Increment(ref _events).ToString(CultureInfo.InvariantCulture)),
        WorkspaceId = BenchmarkStore.Workspace,
        IncidentNumber = 100,
        At = DateTimeOffset.UtcNow,
        Kind = TimelineKind.Note,
        Text = "benchmark event",
    }, CancellationToken.None);

    /// <summary>The <c>list</c> command: open incidents, newest first, 50 at most.</summary>
    [Benchmark]
    public async Task<int> ListOpenIncidents()
    {
        var count = 0;
        await foreach (var _ in _store.Incidents.ListAsync(BenchmarkStore.Workspace, new IncidentFilter { OpenOnly = true, Limit = 50 }, CancellationToken.None))
            count++;
        return count;
    }
}
