using System.Collections.Concurrent;
using System.Diagnostics.Metrics;

namespace IncidentBot.StoreBenchmarks;

/// <summary>
/// Request units as the Cosmos store reports them on its <c>incidentbot.store.request_charge</c>
/// counter, split by who caused them: the HTTP request the call ran under (an async-local bucket
/// set by <see cref="BurstBot"/>), or nobody — background jobs (channel creation, timers).
/// </summary>
public sealed class RequestCharges : IDisposable
{
    private readonly AsyncLocal<Bucket?> _current = new();
    private readonly ConcurrentDictionary<string, Bucket> _buckets = new(StringComparer.Ordinal);
    private readonly MeterListener _listener = new();

    public RequestCharges()
    {
        _listener.InstrumentPublished = (instrument, listener) =>
        {
            if (instrument.Meter.Name == "IncidentBot" && instrument.Name == "incidentbot.store.request_charge")
                listener.EnableMeasurementEvents(instrument);
        };
        _listener.SetMeasurementEventCallback<double>((_, value, tags, _) =>
        {
            var operation = "?";
            foreach (var tag in tags)
            {
                if (tag.Key == "incidentbot.store.operation")
                    operation = tag.Value?.ToString() ?? "?";
            }
            (_current.Value ?? Background).Add(operation, value);
        });
        _listener.Start();
    }

    public Bucket Background { get; } = new("background");

    public IReadOnlyDictionary<string, Bucket> Requests => _buckets;

    /// <summary>Counts what the store reports from here on (in this async flow) against <paramref name="name"/>.</summary>
    public IDisposable Enter(string name)
    {
        var previous = _current.Value;
        _current.Value = _buckets.GetOrAdd(name, n => new Bucket(n));
        return new Restore(() => _current.Value = previous);
    }

    public void Dispose() => _listener.Dispose();

    public sealed class Bucket(string name)
    {
        private readonly ConcurrentDictionary<string, (int Calls, double Charge)> _operations = new(StringComparer.Ordinal);

        public string Name { get; } = name;

        public int Calls => _operations.Values.Sum(o => o.Calls);

        public double Charge => _operations.Values.Sum(o => o.Charge);

        public IReadOnlyDictionary<string, (int Calls, double Charge)> Operations => _operations;

        public void Add(string operation, double charge) =>
            _operations.AddOrUpdate(operation, (1, charge), (_, o) => (o.Calls + 1, o.Charge + charge));
    }

    private sealed class Restore(Action restore) : IDisposable
    {
        public void Dispose() => restore();
    }
}
