using System.Net;
using IncidentBot.Dialogs.Telemetry;
using IncidentBot.IntegrationTests.Bot;

namespace IncidentBot.IntegrationTests.Telemetry;

/// <summary>With <c>OTEL_EXPORTER_OTLP_ENDPOINT</c> set, the bot's traces and metrics reach an OTLP/HTTP receiver on this machine.</summary>
public sealed class OtlpExportTests : IAsyncLifetime
{
    private readonly string _database = BotApplication.NewDatabasePath();
    private FakeOtlpCollector _collector = null!;
    private FakeSlackServer _slack = null!;
    private BotApplication _bot = null!;

    public async Task InitializeAsync()
    {
        _collector = await FakeOtlpCollector.StartAsync();
        _slack = await FakeSlackServer.StartAsync();
        _bot = new BotApplication(_slack, _database, settings: new Dictionary<string, string?>
        {
            ["OTEL_EXPORTER_OTLP_ENDPOINT"] = _collector.Endpoint.ToString(),
            ["OTEL_EXPORTER_OTLP_PROTOCOL"] = "http/protobuf",
            // Export within a fraction of a second instead of the default 5 s and 60 s.
            ["OTEL_BSP_SCHEDULE_DELAY"] = "100",
            ["OTEL_METRIC_EXPORT_INTERVAL"] = "200",
        });
    }

    public async Task DisposeAsync()
    {
        await _bot.DisposeAsync();
        await _slack.DisposeAsync();
        await _collector.DisposeAsync();
        BotApplication.DeleteDatabase(_database);
    }

    [Fact]
    public async Task A_declare_reaches_the_collector_as_a_span_and_as_a_count()
    {
        using var client = _bot.Start();

        var response = await client.SendAsync(SlackRequests.Command("declare sev3 Spam wave", _bot.Clock));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        await _collector.WaitForExportContainingAsync("traces", "DeclareIncident");
        await _collector.WaitForExportContainingAsync("metrics", IncidentMetrics.IncidentsDeclared);
    }
}
