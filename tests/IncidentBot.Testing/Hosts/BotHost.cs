using System.Net;
using IncidentBot.Dialogs.Incidents;
using IncidentBot.Dialogs.Storage;
using IncidentBot.Testing.Fakes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;

namespace IncidentBot.Testing.Hosts;

/// <summary>
/// The whole bot over real HTTP (Kestrel on 127.0.0.1, port 0), on an embedded store in a temporary
/// file that outlives a restart of the bot. <see cref="BotApplication"/> (Slack) and
/// <see cref="TeamsBotApplication"/> (Teams) add their platform's settings and stand-in.
/// </summary>
public abstract class BotHost : WebApplicationFactory<Program>
{
    private readonly Dictionary<string, string?> _settings;
    private readonly BotHostOptions _options;
    private HttpClient? _client;

    /// <param name="platformSettings">The platform's settings; <see cref="BotHostOptions.Settings"/> are applied over them.</param>
    protected BotHost(string databasePath, IReadOnlyDictionary<string, string?> platformSettings, BotHostOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        DatabasePath = databasePath;
        _options = options;
        _settings = new Dictionary<string, string?>(platformSettings)
        {
            ["Storage:Path"] = databasePath,
            // Beside the database, never the project folder's default that every test host would share.
            ["Spool:Path"] = Path.Combine(Path.GetDirectoryName(Path.GetFullPath(databasePath))!, "pending-declares.db"),
        };
        foreach (var (key, value) in options.Settings ?? new Dictionary<string, string?>())
        {
            if (value is null)
                _settings.Remove(key);
            else
                _settings[key] = value;
        }
        UseKestrel(0);
    }

    public string DatabasePath { get; }

    public RecordingLoggerProvider Logs { get; } = new();

    public TimeProvider Clock => Services.GetRequiredService<TimeProvider>();

    public IncidentStore Incidents => Services.GetRequiredService<IncidentStore>();

    public IDocumentStore Documents => Services.GetRequiredService<IDocumentStore>();

    /// <summary>The client <see cref="Start"/> returned.</summary>
    protected HttpClient Client => _client ?? throw new InvalidOperationException("Start the bot first.");

    /// <summary>Starts the bot and its job server and returns a client for its address.</summary>
    public HttpClient Start()
    {
        StartServer();
        _client = CreateClient();
        return _client;
    }

    /// <summary>Runs every stored work item due by the bot's clock (see <see cref="DueWork"/>).</summary>
    /// <returns>How many work items ran.</returns>
    public Task<int> RunDueWorkAsync(CancellationToken cancellationToken = default) => DueWork.RunAsync(Services, Clock, cancellationToken);

    /// <summary>The events of one kind on an incident's timeline, in order.</summary>
    public async Task<List<TimelineEvent>> TimelineAsync(string workspaceId, int number, TimelineKind kind)
    {
        var events = new List<TimelineEvent>();
        await foreach (var e in Incidents.TimelineAsync(workspaceId, new IncidentNumber(number), default))
        {
            if (e.Kind == kind)
                events.Add(e);
        }
        return events;
    }

    public string ProblemLog() =>
        string.Join('\n', Logs.Logs.Where(l => l.Level >= LogLevel.Warning).Select(l => $"{l.Level} {l.Category}: {l.Message} {l.Exception}"));

    /// <summary>A fresh database path in the temp folder; delete it with <see cref="DeleteDatabase"/>.</summary>
    public static string NewDatabasePath() =>
        Path.Combine(Path.GetTempPath(), "incidentbot-tests", Guid.NewGuid().ToString("N"), "bot.db");

    public static void DeleteDatabase(string path)
    {
        var directory = Path.GetDirectoryName(path)!;
        if (Directory.Exists(directory))
            Directory.Delete(directory, recursive: true);
    }

    /// <summary>Awaits a stand-in's signal; on a timeout the failure also shows the bot's jobs, stored work, warnings and errors.</summary>
    protected async Task<T> WithBotStateOnTimeoutAsync<T>(Task<T> wait)
    {
        ArgumentNullException.ThrowIfNull(wait);
        try
        {
            return await wait;
        }
        catch (TimeoutException e)
        {
            throw new TimeoutException(e.Message + "\n" + await DueWork.DescribeAsync(Services) + "\nBot log (warnings and errors):\n" + ProblemLog(), e);
        }
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        foreach (var (key, value) in _settings)
            builder.UseSetting(key, value);
        builder.ConfigureLogging(logging => logging.AddProvider(Logs).SetMinimumLevel(LogLevel.Debug));
        if (_options.Environment is not null)
            builder.UseEnvironment(_options.Environment);
        builder.ConfigureServices(services =>
        {
            if (_options.Clock is not null)
                services.Replace(ServiceDescriptor.Singleton(_options.Clock));
            if (_options.RemoteAddress is { } remote)
                services.AddSingleton<IStartupFilter>(new RemoteAddressFilter(remote));
            _options.Services?.Invoke(services);
        });
    }

    public override async ValueTask DisposeAsync()
    {
        _client?.Dispose();
        await base.DisposeAsync();
        GC.SuppressFinalize(this);
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
            _client?.Dispose();
        base.Dispose(disposing);
    }

    /// <summary>Sets the connection's remote address first thing, as Kestrel would for a peer with that address.</summary>
    private sealed class RemoteAddressFilter(IPAddress remote) : IStartupFilter
    {
        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            app.Use((context, nextMiddleware) =>
            {
                context.Connection.RemoteIpAddress = remote;
                return nextMiddleware(context);
            });
            next(app);
        };
    }
}
