using System.Diagnostics;
using System.Diagnostics.Metrics;
using IncidentBot.Dialogs.Incidents;

namespace IncidentBot.Dialogs.Telemetry;

/// <summary>
/// Our own instruments on the <c>IncidentBot</c> meter. Every measurement is tagged with the
/// workspace id (one per Slack team or Teams tenant: few values), never with people or text.
/// </summary>
public sealed class IncidentMetrics
{
    public const string IncidentsDeclared = "incidentbot.incidents.declared";
    public const string PagesSent = "incidentbot.pages.sent";
    public const string PagesAcknowledged = "incidentbot.pages.acknowledged";
    public const string ClockWarnings = "incidentbot.clock.warnings";
    public const string EscalationLateness = "incidentbot.escalation.lateness";

    private readonly Counter<long> _declared;
    private readonly Counter<long> _sent;
    private readonly Counter<long> _acknowledged;
    private readonly Counter<long> _clockWarnings;
    private readonly Histogram<double> _lateness;

    /// <param name="meterFactory">The host's factory; without one (a test, a benchmark) the meter is this object's own.</param>
    public IncidentMetrics(IMeterFactory? meterFactory = null)
    {
        var meter = meterFactory?.Create(IncidentTelemetry.Name) ?? new Meter(IncidentTelemetry.Name);
        _declared = meter.CreateCounter<long>(IncidentsDeclared, "{incident}", "Incidents declared (a repeated delivery of the same declaration is not counted).");
        _sent = meter.CreateCounter<long>(PagesSent, "{message}", "Page direct messages sent, one per person paged at a step.");
        _acknowledged = meter.CreateCounter<long>(PagesAcknowledged, "{page}", "Pages acknowledged.");
        _clockWarnings = meter.CreateCounter<long>(ClockWarnings, "{alert}", "Clock alerts posted, by kind: warning or breach.");
        _lateness = meter.CreateHistogram<double>(EscalationLateness, "s",
            "How late an escalation ran against its due time (0 when on time or early).",
            advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = [0.1, 0.25, 0.5, 1, 2, 5, 10, 30, 60, 300] });
    }

    public void Declared(Incident incident)
    {
        ArgumentNullException.ThrowIfNull(incident);
        _declared.Add(1, new TagList
        {
            { IncidentTelemetry.WorkspaceId, incident.WorkspaceId },
            { IncidentTelemetry.Platform, incident.Platform.Value },
            { IncidentTelemetry.Severity, incident.Severity.ToString() },
        });
    }

    public void PageSent(WorkspaceId workspaceId) => _sent.Add(1, new KeyValuePair<string, object?>(IncidentTelemetry.WorkspaceId, workspaceId.Value));

    public void PageAcknowledged(WorkspaceId workspaceId) => _acknowledged.Add(1, new KeyValuePair<string, object?>(IncidentTelemetry.WorkspaceId, workspaceId.Value));

    public void ClockAlerted(WorkspaceId workspaceId, bool isBreach) => _clockWarnings.Add(1,
        new KeyValuePair<string, object?>(IncidentTelemetry.WorkspaceId, workspaceId.Value),
        new KeyValuePair<string, object?>(IncidentTelemetry.ClockAlert, isBreach ? "breach" : "warning"));

    /// <param name="outcome"><c>escalated</c>, <c>exhausted</c> or <c>cancelled</c>.</param>
    public void EscalationRan(WorkspaceId workspaceId, TimeSpan lateness, string outcome) => _lateness.Record(
        Math.Max(0, lateness.TotalSeconds),
        new KeyValuePair<string, object?>(IncidentTelemetry.WorkspaceId, workspaceId.Value),
        new KeyValuePair<string, object?>(IncidentTelemetry.Outcome, outcome));
}
