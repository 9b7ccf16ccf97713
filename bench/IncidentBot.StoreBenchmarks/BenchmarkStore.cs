using IncidentBot.Dialogs.Incidents;
using IncidentBot.Dialogs.Platform;
using IncidentBot.Dialogs.Storage;
using IncidentBot.Dialogs.Work;
using IncidentBot.Storage;
using IncidentBot.Testing.Fakes.Cosmos;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace IncidentBot.StoreBenchmarks;

/// <summary>
/// One store opened the way the bot opens it (<c>AddIncidentStorage</c> over configuration): the
/// embedded file in a temporary folder, or Cosmos DB on a test server started for the run.
/// </summary>
public sealed class BenchmarkStore : IAsyncDisposable
{
    public const string Embedded = "embedded";
    public const string Cosmos = "cosmos";
    public const string Workspace = "T0BENCH";

    private readonly ServiceProvider _services;
    private readonly CosmosTestServer? _server;
    private readonly string _directory;
    private int _deliveries;

    private BenchmarkStore(ServiceProvider services, CosmosTestServer? server, string directory)
    {
        _services = services;
        _server = server;
        _directory = directory;
        Documents = services.GetRequiredService<IDocumentStore>();
        Incidents = new IncidentStore(new DocumentWriter(Documents));
        var clock = TimeProvider.System;
        Declarer = new IncidentDeclarer(Incidents, new IncidentFollowUps(new WorkQueue(Documents, new NoJobs(), clock), []),
            new WorkspaceRegistry(Documents, clock), clock, Microsoft.Extensions.Logging.Abstractions.NullLogger<IncidentDeclarer>.Instance);
    }

    public IDocumentStore Documents { get; }

    public IncidentStore Incidents { get; }

    public IncidentDeclarer Declarer { get; }

    public static async Task<BenchmarkStore> OpenAsync(string kind)
    {
        var directory = Path.Combine(Path.GetTempPath(), "incidentbot-bench", Guid.NewGuid().ToString("N"));
        // Cosmos__ConnectionString or Cosmos__Endpoint (+ Cosmos__Key) in the environment: measure that account instead of the test server.
        var environment = new ConfigurationBuilder().AddEnvironmentVariables().Build();
        var account = kind == Cosmos
            && (!string.IsNullOrEmpty(environment["Cosmos:ConnectionString"]) || !string.IsNullOrEmpty(environment["Cosmos:Endpoint"]));
        var server = kind == Cosmos && !account ? await CosmosTestServer.StartAsync() : null;
        var settings = kind == Embedded
            ? new Dictionary<string, string?> { ["Storage:Path"] = Path.Combine(directory, "bench.db") }
            : account
            ? new Dictionary<string, string?> { ["Cosmos:Database"] = "incidentbot-bench", ["Cosmos:SlowCallThresholdMilliseconds"] = "60000" }
            : new Dictionary<string, string?>
            {
                ["Cosmos:Endpoint"] = server!.Endpoint.ToString(),
                ["Cosmos:Key"] = CosmosTestServer.Key,
                ["Cosmos:Database"] = "bench",
                ["Cosmos:ConnectionMode"] = "Gateway",
                ["Cosmos:AcceptSelfSignedCertificate"] = "true",
                ["Cosmos:SlowCallThresholdMilliseconds"] = "60000",
            };
        var builder = new ConfigurationBuilder().AddInMemoryCollection(settings);
        if (account)
            builder.AddEnvironmentVariables(); // the account's settings win over the defaults above
        var configuration = builder.Build();
        var services = new ServiceCollection().AddLogging().AddSingleton<IConfiguration>(configuration);
        services.AddIncidentStorage(configuration);
        var store = new BenchmarkStore(services.BuildServiceProvider(), server, directory);
        var health = await store.Documents.CheckHealthAsync(CancellationToken.None); // creates the file or the container
        return health.IsHealthy ? store : throw new InvalidOperationException(health.Description);
    }

    /// <summary>A declare as Slack makes one: a new delivery key each time, so the receipt is claimed too.</summary>
    public async Task<Incident> DeclareAsync(string title)
    {
        var draft = new IncidentDraft { Title = title, Severity = Severity.Sev2, Source = IncidentSource.Partner, Markets = ["NP", "IN"], Languages = ["ne"] };
        var key = "bench-trigger:" + Interlocked.Increment(ref _deliveries);
        var declared = await Declarer.DeclareAsync(new WorkspaceId(Workspace), PlatformId.Slack, new UserId("U0BENCH"), draft, key, CancellationToken.None);
        return declared.Value.Incident;
    }

    public async ValueTask DisposeAsync()
    {
        await _services.DisposeAsync();
        if (_server is not null)
            await _server.DisposeAsync();
        if (Directory.Exists(_directory))
            Directory.Delete(_directory, recursive: true);
    }

    /// <summary>Declares schedule a channel job; the benchmark measures the store, so nothing runs it.</summary>
    private sealed class NoJobs : IJobScheduler
    {
        public Task ScheduleAsync(string workspaceId, string workItemId, DateTimeOffset runAt, CancellationToken cancellationToken) => Task.CompletedTask;
    }
}
