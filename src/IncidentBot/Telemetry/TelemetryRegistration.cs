using System.Runtime.CompilerServices;
using IncidentBot.Dialogs.Telemetry;
using OpenTelemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace IncidentBot.Telemetry;

public static class TelemetryRegistration
{
    /// <summary>The environment variable that turns the OTLP exporter on (the standard one, read by the exporter too).</summary>
    public const string OtlpEndpointVariable = "OTEL_EXPORTER_OTLP_ENDPOINT";

    /// <summary>The <c>service.name</c> of every span and metric, unless <c>OTEL_SERVICE_NAME</c> says otherwise.</summary>
    public const string ServiceName = "incidentbot";

    /// <summary>
    /// Whether traces and metrics are collected (<c>Telemetry:Enabled</c>): true always, false never; unset, only
    /// when <see cref="OtlpEndpointVariable"/> gives them somewhere to go.
    /// </summary>
    public const string EnabledKey = "Telemetry:Enabled";

    /// <summary>
    /// OpenTelemetry traces and metrics: ASP.NET Core, HttpClient (Slack, Bot Connector, Cosmos DB
    /// gateway), and our <c>IncidentBot</c> activity source and meter (work runs, declarations, paging,
    /// clocks, store calls). Exported by OTLP when <c>OTEL_EXPORTER_OTLP_ENDPOINT</c> is set. Without an
    /// endpoint nothing is collected unless <see cref="EnabledKey"/> says so (a test adding its own
    /// exporter): spans that go nowhere cost every request and every Slack call their activity, tags and
    /// sampling (PERFORMANCE.md, eighteenth session).
    /// </summary>
    public static IHostApplicationBuilder AddTelemetry(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var exported = !string.IsNullOrWhiteSpace(builder.Configuration[OtlpEndpointVariable]);
        if (!(builder.Configuration.GetValue<bool?>(EnabledKey) ?? exported))
            return builder;
        var telemetry = builder.Services.AddOpenTelemetry()
            // Before the environment's detectors, so OTEL_SERVICE_NAME and OTEL_RESOURCE_ATTRIBUTES still win.
            .ConfigureResource(resource => resource.AddService(ServiceName).AddEnvironmentVariableDetector())
            .WithTracing(tracing => tracing
                .AddSource(IncidentTelemetry.Name)
                // Probes every few seconds would drown the traces that matter.
                .AddAspNetCoreInstrumentation(o => o.Filter = context => !IsProbe(context.Request.Path))
                .AddHttpClientInstrumentation())
            .WithMetrics(metrics => metrics
                .AddMeter(IncidentTelemetry.Name)
                .AddAspNetCoreInstrumentation()
                .AddHttpClientInstrumentation());
        if (exported)
            UseOtlpExporter(telemetry);
        return builder;
    }

    // A method of its own: the JIT loads the exporter's assembly with the first method that names it, and a bot
    // without an endpoint never needs it (PERFORMANCE.md, issue 12, idle memory).
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static void UseOtlpExporter(OpenTelemetryBuilder telemetry) => telemetry.UseOtlpExporter();

    private static bool IsProbe(PathString path) =>
        path.StartsWithSegments("/healthz", StringComparison.Ordinal) || path.StartsWithSegments("/readyz", StringComparison.Ordinal);
}
