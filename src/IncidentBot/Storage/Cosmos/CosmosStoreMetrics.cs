using System.Diagnostics;
using System.Diagnostics.Metrics;
using System.Net;

namespace IncidentBot.Storage.Cosmos;

/// <summary>
/// The store's instruments on the <c>IncidentBot</c> meter: request units charged and call
/// durations, by operation and status code, as the SDK reports them.
/// </summary>
internal sealed class CosmosStoreMetrics
{
    public const string MeterName = "IncidentBot";
    public const string RequestChargeInstrument = "incidentbot.store.request_charge";
    public const string DurationInstrument = "incidentbot.store.duration";

    private readonly Counter<double> _requestCharge;
    private readonly Histogram<double> _duration;

    public CosmosStoreMetrics(IMeterFactory meterFactory)
    {
        ArgumentNullException.ThrowIfNull(meterFactory);
        var meter = meterFactory.Create(MeterName);
        _requestCharge = meter.CreateCounter<double>(RequestChargeInstrument, "{request_unit}", "Cosmos DB request units charged for store calls.");
        _duration = meter.CreateHistogram<double>(DurationInstrument, "ms", "Duration of one Cosmos DB call, the SDK's own retries included.");
    }

    public void Record(string operation, HttpStatusCode statusCode, double requestCharge, TimeSpan elapsed)
    {
        var tags = new TagList
        {
            { "incidentbot.store.operation", operation },
            { "incidentbot.store.status_code", (int)statusCode },
        };
        _requestCharge.Add(requestCharge, tags);
        _duration.Record(elapsed.TotalMilliseconds, tags);
    }
}
