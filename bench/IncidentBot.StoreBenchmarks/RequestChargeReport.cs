using System.Diagnostics.Metrics;
using System.Globalization;
using System.Text;

namespace IncidentBot.StoreBenchmarks;

/// <summary>
/// Request units per operation as the SDK reports them, read from the store's
/// <c>incidentbot.store.request_charge</c> counter while each benchmark operation runs a number of times.
/// </summary>
public static class RequestChargeReport
{
    private const int Runs = 30;

    public static async Task<string> MeasureAsync()
    {
        var benchmarks = new StoreBenchmarks { Store = BenchmarkStore.Cosmos };
        await benchmarks.SetupAsync();
        try
        {
            var scenarios = new (string Name, Func<Task> Run)[]
            {
                (nameof(StoreBenchmarks.Declare), benchmarks.Declare),
                (nameof(StoreBenchmarks.ReadIncident), benchmarks.ReadIncident),
                (nameof(StoreBenchmarks.UpdateIncident), benchmarks.UpdateIncident),
                (nameof(StoreBenchmarks.CreateTimelineEvent), benchmarks.CreateTimelineEvent),
                (nameof(StoreBenchmarks.ListOpenIncidents), benchmarks.ListOpenIncidents),
            };
            var report = new StringBuilder()
                .AppendLine(CultureInfo.InvariantCulture, $"Request charge per operation (Cosmos DB store, mean of {Runs} runs, as the SDK reports it)")
                .AppendLine()
                .AppendLine("| Operation | Store calls per operation | RU per operation | RU per store call |")
                .AppendLine("| --- | ---: | ---: | ---: |");
            foreach (var (name, run) in scenarios)
            {
                var (calls, charge) = await RecordAsync(run);
                report.AppendLine(CultureInfo.InvariantCulture,
                    $"| {name} | {calls / (double)Runs:0.##} | {charge / Runs:0.##} | {(calls == 0 ? 0 : charge / calls):0.##} |");
            }
            return report.ToString();
        }
        finally
        {
            await benchmarks.CleanupAsync();
        }
    }

    private static async Task<(long Calls, double Charge)> RecordAsync(Func<Task> run)
    {
        long calls = 0;
        double charge = 0;
        using var listener = new MeterListener();
        listener.InstrumentPublished = (instrument, meterListener) =>
        {
            if (instrument.Meter.Name == "IncidentBot" && instrument.Name == "incidentbot.store.request_charge")
                meterListener.EnableMeasurementEvents(instrument);
        };
        listener.SetMeasurementEventCallback<double>((_, value, _, _) =>
        {
            Interlocked.Increment(ref calls);
            lock (listener)
                charge += value;
        });
        listener.Start();
        for (var i = 0; i < Runs; i++)
            await run();
        listener.Dispose();
        lock (listener)
            return (Interlocked.Read(ref calls), charge);
    }
}
