using IncidentBot.Dialogs.Storage;
using IncidentBot.Storage;
using IncidentBot.Storage.Cosmos;
using IncidentBot.Storage.Embedded;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace IncidentBot.IntegrationTests.Storage.Cosmos;

/// <summary>Choosing the store by configuration, and refusing Cosmos settings that cannot work, at start.</summary>
public sealed class CosmosRegistrationTests(CosmosServerFixture cosmos) : IClassFixture<CosmosServerFixture>, IDisposable
{
    private readonly string _contentRoot = Path.Combine(Path.GetTempPath(), "incidentbot-tests", Guid.NewGuid().ToString("N"));
    private readonly CancellationTokenSource _timeout = new(TimeSpan.FromSeconds(60));
    private readonly RecordingLoggerProvider _logs = new();

    public static TheoryData<string, string, string, string> BadSettings => new()
    {
        { "AccountEndpoint=https://127.0.0.1:8081/;AccountKey=a2V5;", "https://127.0.0.1:8081/", "", "Cosmos:ConnectionString is set together with Cosmos:Endpoint" },
        { "Server=sql;Password=secret-value", "", "", "Cosmos:ConnectionString is not a Cosmos DB connection string" },
        { "", "", "a2V5", "Cosmos:Key is set without Cosmos:Endpoint" },
        { "", "not a uri", "", "Cosmos:Endpoint is not an absolute https://" },
        // A connection string pasted where the endpoint goes: the message must not repeat its key.
        { "", "AccountEndpoint=https://example.documents.azure.com:443/;AccountKey=secret-value;", "", "it looks like a connection string" },
        { "", "https://example.documents.azure.com:443/", "not base64 !", "Cosmos:Key is not a Cosmos DB account key" },
    };

    [Theory]
    [MemberData(nameof(BadSettings))]
    public async Task Cosmos_settings_that_cannot_work_stop_the_start_with_the_key_named(string connectionString, string endpoint, string key, string expected)
    {
        using var host = BuildHost(new() { ["Cosmos:ConnectionString"] = connectionString, ["Cosmos:Endpoint"] = endpoint, ["Cosmos:Key"] = key });

        var failure = await Assert.ThrowsAsync<OptionsValidationException>(() => host.StartAsync(_timeout.Token));

        Assert.Equal(typeof(CosmosOptions), failure.OptionsType);
        Assert.Contains(expected, failure.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("secret-value", failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_database_name_Cosmos_DB_refuses_stops_the_start()
    {
        using var host = BuildHost(new() { ["Cosmos:Endpoint"] = cosmos.Server.Endpoint.ToString(), ["Cosmos:Database"] = "team/incidents" });

        var failure = await Assert.ThrowsAsync<OptionsValidationException>(() => host.StartAsync(_timeout.Token));

        Assert.Contains("Cosmos:Database may not contain", failure.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("team/incidents", failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_empty_Cosmos_section_keeps_the_embedded_store()
    {
        using var host = BuildHost(new() { ["Cosmos:ConnectionString"] = "", ["Cosmos:Endpoint"] = "", ["Cosmos:Key"] = "", ["Cosmos:Database"] = "incidentbot" });

        await host.StartAsync(_timeout.Token);

        Assert.IsType<SqliteDocumentStore>(host.Services.GetRequiredService<IDocumentStore>());
        await host.StopAsync(_timeout.Token);
    }

    [Fact]
    public async Task A_Cosmos_endpoint_and_key_select_the_Cosmos_store_and_the_log_says_so_without_the_key()
    {
        using var host = BuildHost(CosmosSettings());

        await host.StartAsync(_timeout.Token);

        var store = Assert.IsType<CosmosDocumentStore>(host.Services.GetRequiredService<IDocumentStore>());
        Assert.True((await store.CheckHealthAsync(_timeout.Token)).IsHealthy);
        Assert.Same(host.Services.GetRequiredService<Microsoft.Azure.Cosmos.CosmosClient>(), host.Services.GetRequiredService<Microsoft.Azure.Cosmos.CosmosClient>());
        Assert.Contains(_logs.Logs, l => l.Message.StartsWith($"Incident store: Cosmos DB at 127.0.0.1:{cosmos.Server.Port}, database incidentbot-registration", StringComparison.Ordinal));
        Assert.DoesNotContain(_logs.Logs, l => l.Message.Contains(CosmosTestServer.Key, StringComparison.Ordinal));
        await host.StopAsync(_timeout.Token);
    }

    [Fact]
    public void Accepting_a_self_signed_certificate_is_ignored_with_a_warning_for_an_endpoint_that_is_not_loopback()
    {
        var options = new CosmosOptions { Endpoint = "https://incidents.documents.azure.com:443/", Key = CosmosTestServer.Key, AcceptSelfSignedCertificate = true };
        using var loggers = LoggerFactory.Create(logging => logging.AddProvider(_logs));

        using var client = CosmosClientFactory.Create(options, loggers.CreateLogger("test"));

        Assert.Null(client.ClientOptions.ServerCertificateCustomValidationCallback);
        Assert.Contains(_logs.Logs, l => l.Level == LogLevel.Warning && l.Message.Contains("ignored: incidents.documents.azure.com is not a loopback address", StringComparison.Ordinal));
    }

    public void Dispose()
    {
        _timeout.Dispose();
        if (Directory.Exists(_contentRoot))
            Directory.Delete(_contentRoot, recursive: true);
    }

    private Dictionary<string, string?> CosmosSettings() => new()
    {
        ["Cosmos:Endpoint"] = cosmos.Server.Endpoint.ToString(),
        ["Cosmos:Key"] = CosmosTestServer.Key,
        ["Cosmos:Database"] = "incidentbot-registration",
        ["Cosmos:ConnectionMode"] = "Gateway",
        ["Cosmos:AcceptSelfSignedCertificate"] = "true",
    };

    private IHost BuildHost(Dictionary<string, string?> settings)
    {
        Directory.CreateDirectory(_contentRoot);
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { ContentRootPath = _contentRoot, DisableDefaults = true });
        builder.Configuration.AddInMemoryCollection(settings);
        builder.Logging.AddProvider(_logs);
        builder.Services.AddIncidentStorage(builder.Configuration);
        return builder.Build();
    }
}
