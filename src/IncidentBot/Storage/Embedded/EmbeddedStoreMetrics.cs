using System.Diagnostics.Metrics;
using IncidentBot.Dialogs.Telemetry;

namespace IncidentBot.Storage.Embedded;

/// <summary>
/// The embedded store's instruments on the <c>IncidentBot</c> meter. It has one writer: the rate of
/// <see cref="WriteGateHeld"/> (seconds held a second) is how busy that writer is, and near 1 the store is at what it can
/// write, whatever the CPU shows; the rate of <see cref="WriterCpu"/> says how much of that the writer computed, the rest it
/// waited. Observed, so they cost nothing until a listener reads them.
/// </summary>
internal sealed class EmbeddedStoreMetrics : IHostedService, IDisposable
{
    public const string WriteGateHeld = "incidentbot.store.write_gate.held";
    public const string Transactions = "incidentbot.store.transactions";
    public const string WriterCpu = "incidentbot.store.writer.cpu";

    private readonly Meter? _ownMeter;

    /// <summary>The meter the instruments are on (a listener tells this store's from another's in the same process by it).</summary>
    internal Meter Meter { get; }

    /// <param name="meterFactory">The host's factory; without one (a test) the meter is this object's own.</param>
    public EmbeddedStoreMetrics(SqliteDocumentStore store, IMeterFactory? meterFactory = null)
    {
        ArgumentNullException.ThrowIfNull(store);
        var meter = Meter = meterFactory?.Create(IncidentTelemetry.Name) ?? (_ownMeter = new Meter(IncidentTelemetry.Name));
        meter.CreateObservableCounter(WriteGateHeld, () => store.WriteGateHeld.TotalSeconds, "s",
            "Time the embedded store's one-writer gate was held: transactions written, and the log's restarts.");
        meter.CreateObservableCounter(Transactions, () => store.TransactionsWritten, "{transaction}",
            "Transactions the embedded store's writer committed (each holds a group of commits).");
        // Linux only: the held time less this is time the writer waited (for a CPU, mostly) while everyone waited for it.
        if (ThreadCpuClock.IsSupported)
        {
            meter.CreateObservableCounter(WriterCpu, () => store.WriterCpuTime.TotalSeconds, "s",
                "CPU time the embedded store's writer used writing; held time beyond it is time the writer waited.");
        }
    }

    // A hosted service only so that the host makes it at start-up: the instruments exist before anyone asks.
    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public void Dispose() => _ownMeter?.Dispose();
}
