using System.Diagnostics.Metrics;
using IncidentBot.Dialogs.Storage;
using IncidentBot.IntegrationTests.Builders;
using IncidentBot.Storage.Embedded;

namespace IncidentBot.IntegrationTests.Storage;

/// <summary>The embedded store's observed instruments, read by a listener as an exporter would, over a real store file.</summary>
public sealed class EmbeddedStoreMetricsTests(SqliteStoreFile file) : SqliteFileTest, IClassFixture<SqliteStoreFile>
{
    [Fact]
    public async Task The_writer_s_held_time_CPU_time_and_transactions_grow_with_writes_and_not_without()
    {
        using var store = file.Open(Clock);
        using var metrics = new EmbeddedStoreMetrics(store);
        var before = Observe(metrics.Meter);
        await store.CreateAsync(Sample("one"), Cancellation);
        await store.CommitAsync(new DocumentBatch(Workspace).Create(Sample("two")).Create(Sample("three")), Cancellation);

        var after = Observe(metrics.Meter);
        var idle = Observe(metrics.Meter);

        Assert.Equal(before.Transactions + 2, after.Transactions);
        Assert.True(after.HeldSeconds > before.HeldSeconds, $"held {before.HeldSeconds} s, then {after.HeldSeconds} s");
        // The writer computes only while it holds the gate, so its CPU time grows, and by no more than the held time.
        Assert.True(after.CpuSeconds > before.CpuSeconds, $"CPU {before.CpuSeconds} s, then {after.CpuSeconds} s");
        Assert.True(after.CpuSeconds - before.CpuSeconds <= after.HeldSeconds - before.HeldSeconds,
            $"CPU grew {after.CpuSeconds - before.CpuSeconds} s while the gate was held {after.HeldSeconds - before.HeldSeconds} s");
        Assert.Equal(after, idle); // nothing written, nothing held
    }

    private SampleDocument Sample(string id) => new SampleDocumentBuilder(Workspace).WithId(id).Build();

    private static (double HeldSeconds, long Transactions, double CpuSeconds) Observe(Meter meter)
    {
        double held = double.NaN;
        double cpu = double.NaN;
        long transactions = -1;
        using var listener = new MeterListener
        {
            InstrumentPublished = (instrument, l) =>
            {
                if (instrument.Meter == meter)
                    l.EnableMeasurementEvents(instrument);
            },
        };
        listener.SetMeasurementEventCallback<double>((instrument, value, _, _) =>
        {
            if (instrument.Name == EmbeddedStoreMetrics.WriteGateHeld)
                held = value;
            else if (instrument.Name == EmbeddedStoreMetrics.WriterCpu)
                cpu = value;
        });
        listener.SetMeasurementEventCallback<long>((instrument, value, _, _) =>
        {
            if (instrument.Name == EmbeddedStoreMetrics.Transactions)
                transactions = value;
        });
        listener.Start();
        listener.RecordObservableInstruments();
        return (held, transactions, cpu);
    }
}
