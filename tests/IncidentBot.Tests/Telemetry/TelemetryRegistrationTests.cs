using IncidentBot.Telemetry;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;

namespace IncidentBot.Tests.Telemetry;

/// <summary>Traces and metrics are collected when they have somewhere to go, or when a setting asks for them.</summary>
public sealed class TelemetryRegistrationTests
{
    [Fact]
    public void Without_an_endpoint_nothing_is_collected()
    {
        using var host = Build([]);

        Assert.Null(host.Services.GetService<TracerProvider>());
        Assert.Null(host.Services.GetService<MeterProvider>());
    }

    [Theory]
    [InlineData(TelemetryRegistration.OtlpEndpointVariable, "http://127.0.0.1:4317")]
    [InlineData(TelemetryRegistration.EnabledKey, "true")]
    public void An_endpoint_or_the_setting_collects_both(string key, string value)
    {
        using var host = Build(new() { [key] = value });

        Assert.NotNull(host.Services.GetService<TracerProvider>());
        Assert.NotNull(host.Services.GetService<MeterProvider>());
    }

    [Fact]
    public void The_setting_false_wins_over_an_endpoint()
    {
        using var host = Build(new()
        {
            [TelemetryRegistration.OtlpEndpointVariable] = "http://127.0.0.1:4317",
            [TelemetryRegistration.EnabledKey] = "false",
        });

        Assert.Null(host.Services.GetService<TracerProvider>());
    }

    private static IHost Build(Dictionary<string, string?> settings)
    {
        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings());
        builder.Configuration.AddInMemoryCollection(settings);
        builder.AddTelemetry();
        return builder.Build();
    }
}
