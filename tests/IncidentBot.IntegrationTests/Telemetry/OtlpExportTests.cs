using System.Net;
using IncidentBot.Dialogs.Telemetry;
using IncidentBot.IntegrationTests.Bot;

namespace IncidentBot.IntegrationTests.Telemetry;

/// <summary>With <c>OTEL_EXPORTER_OTLP_ENDPOINT</c> set, the bot's traces and metrics reach an OTLP/HTTP receiver on this machine.</summary>
public sealed class OtlpExportTests : SlackBotFixture
{
    private FakeOtlpCollector _collector = null!;

    protected override BotHostOptions BotOptions => new()
    {
        Settings = new Dictionary<string, string?>
        {
            ["OTEL_EXPORTER_OTLP_ENDPOINT"] = _collector.Endpoint.ToString(),
            ["OTEL_EXPORTER_OTLP_PROTOCOL"] = "http/protobuf",
            // Export within a fraction of a second instead of the default 5 s and 60 s.
            ["OTEL_BSP_SCHEDULE_DELAY"] = "100",
            ["OTEL_METRIC_EXPORT_INTERVAL"] = "200",
        },
    };

    public override async Task InitializeAsync()
    {
        _collector = await FakeOtlpCollector.StartAsync();
        await base.InitializeAsync();
    }

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        await _collector.DisposeAsync();
    }

    [Fact]
    public async Task A_declare_reaches_the_collector_as_a_span_and_as_a_count()
    {
        var response = await Client.SendAsync(SlackRequests.Command("declare sev3 Spam wave", Bot.Clock));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        await _collector.WaitForExportContainingAsync("traces", "DeclareIncident");
        await _collector.WaitForExportContainingAsync("metrics", IncidentMetrics.IncidentsDeclared);
    }
}
