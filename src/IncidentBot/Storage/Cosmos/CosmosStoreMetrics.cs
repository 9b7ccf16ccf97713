using System.Diagnostics;
using System.Diagnostics.Metrics;
using System.Net;
using IncidentBot.Dialogs.Telemetry;

namespace IncidentBot.Storage.Cosmos;

/// <summary>
/// The store's instruments on the <c>IncidentBot</c> meter: request units charged and call
/// durations, by operation and status code, as the SDK reports them; and a <c>CallStore</c> span
/// per call with the same figures.
/// </summary>
internal sealed class CosmosStoreMetrics
{
    public const string MeterName = IncidentTelemetry.Name;
    public const string SpanName = "CallStore";
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

    /// <summary>
    /// The call's span, made once its answer is in (it has no children): started back at the call's
    /// start, under whatever span made the call (a work run, a request).
    /// </summary>
    public static void Trace(string operation, string? workspaceId, HttpStatusCode statusCode, double requestCharge, DateTimeOffset endedAt, TimeSpan elapsed)
    {
        if (!IncidentTelemetry.Source.HasListeners())
            return;
        using var activity = IncidentTelemetry.Source.StartActivity(SpanName, ActivityKind.Client, parentContext: default, startTime: endedAt - elapsed);
        if (activity is null)
            return;
        activity.SetTag("incidentbot.store.operation", operation);
        activity.SetTag("incidentbot.store.status_code", (int)statusCode);
        activity.SetTag("incidentbot.store.request_charge", requestCharge);
        if (workspaceId is not null)
            activity.SetTag(IncidentTelemetry.WorkspaceId, workspaceId);
        if ((int)statusCode >= 500 || statusCode == HttpStatusCode.TooManyRequests)
            activity.SetStatus(ActivityStatusCode.Error);
        activity.SetEndTime(endedAt.UtcDateTime);
    }
}
