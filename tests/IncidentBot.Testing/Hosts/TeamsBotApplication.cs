using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using IncidentBot.Dialogs.Incidents;
using IncidentBot.Dialogs.Storage;
using IncidentBot.Testing.Builders;
using IncidentBot.Testing.Fakes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;

namespace IncidentBot.Testing.Hosts;

/// <summary>
/// The whole bot over real HTTP (Kestrel on 127.0.0.1) with Teams configured against a
/// <see cref="FakeBotConnector"/>, on an embedded store in a temporary file. Slack stays unconfigured.
/// </summary>
public sealed class TeamsBotApplication : WebApplicationFactory<Program>
{
    private readonly Dictionary<string, string?> _settings;
    private readonly TimeProvider? _clock;
    private readonly string? _environment;
    private readonly IPAddress? _remoteAddress;
    private HttpClient? _client;

    /// <param name="settings">Added to the defaults; a null value removes that default.</param>
    /// <param name="environment">The host environment; WebApplicationFactory's default is Development.</param>
    /// <param name="remoteAddress">
    /// Every request reaches the bot as if its TCP peer had this address (the connection's remote
    /// address is set before any other middleware runs); the bytes still travel over 127.0.0.1.
    /// </param>
    public TeamsBotApplication(
        FakeBotConnector connector, string databasePath, IDictionary<string, string?>? settings = null, TimeProvider? clock = null,
        string? environment = null, IPAddress? remoteAddress = null)
    {
        _clock = clock;
        _environment = environment;
        _remoteAddress = remoteAddress;
        Connector = connector;
        DatabasePath = databasePath;
        _settings = new Dictionary<string, string?>
        {
            ["Teams:TenantId"] = TeamsActivities.Tenant,
            ["Teams:IncidentsChannelId"] = TeamsActivities.IncidentsChannel,
            ["Teams:AnnouncementChannelId"] = TeamsActivities.AnnouncementChannel,
            ["Teams:ServiceUrl"] = connector.ServiceUrl,
            ["Storage:Path"] = databasePath,
            // Beside the database, never the project folder's default that every test host would share.
            ["Spool:Path"] = Path.Combine(Path.GetDirectoryName(Path.GetFullPath(databasePath))!, "pending-declares.db"),
        };
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            if (value is null)
                _settings.Remove(key);
            else
                _settings[key] = value;
        }
        UseKestrel(0);
    }

    public FakeBotConnector Connector { get; }

    public string DatabasePath { get; }

    public RecordingLoggerProvider Logs { get; } = new();

    public IncidentStore Incidents => Services.GetRequiredService<IncidentStore>();

    public IDocumentStore Documents => Services.GetRequiredService<IDocumentStore>();

    public TimeProvider Clock => Services.GetRequiredService<TimeProvider>();

    /// <summary>The events of one kind on an incident's timeline, in order.</summary>
    public async Task<List<TimelineEvent>> TimelineAsync(int number, TimelineKind kind)
    {
        var events = new List<TimelineEvent>();
        await foreach (var e in Incidents.TimelineAsync(TeamsActivities.Tenant, new IncidentNumber(number), default))
        {
            if (e.Kind == kind)
                events.Add(e);
        }
        return events;
    }

    /// <summary>Runs every stored work item due by the bot's clock (see <see cref="DueWork"/>).</summary>
    public Task<int> RunDueWorkAsync(CancellationToken cancellationToken = default) => DueWork.RunAsync(Services, Clock, cancellationToken);

    public HttpClient Start()
    {
        StartServer();
        _client = CreateClient();
        return _client;
    }

    /// <summary>POSTs an activity to <c>/api/messages</c>, as the Bot Connector does.</summary>
    public async Task<HttpResponseMessage> SendAsync(JsonObject activity, string? authorization = null, Dictionary<string, string>? headers = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/messages")
        {
            Content = new StringContent(activity.ToJsonString(), Encoding.UTF8, "application/json"),
        };
        if (authorization is not null)
            request.Headers.Authorization = AuthenticationHeaderValue.Parse(authorization);
        foreach (var (name, value) in headers ?? [])
            request.Headers.TryAddWithoutValidation(name, value);
        return await (_client ?? throw new InvalidOperationException("Start the bot first.")).SendAsync(request);
    }

    public async Task<HttpResponseMessage> SendRawAsync(string body, string contentType = "application/json")
    {
        using var content = new StringContent(body, Encoding.UTF8, contentType);
        return await (_client ?? throw new InvalidOperationException("Start the bot first.")).PostAsync("/api/messages", content);
    }

    /// <summary>Waits for the bot to call the Bot Connector; on a timeout the failure shows the bot's warnings and errors.</summary>
    public async Task<ConnectorCall> WaitForConnectorAsync(Func<ConnectorCall, bool> predicate, string description, TimeSpan? timeout = null)
    {
        try
        {
            return await Connector.WaitForAsync(predicate, description, timeout);
        }
        catch (TimeoutException e)
        {
            throw new TimeoutException(e.Message + "\n" + await DueWork.DescribeAsync(Services) + "\nBot log (warnings and errors):\n" + ProblemLog(), e);
        }
    }

    public string ProblemLog() =>
        string.Join('\n', Logs.Logs.Where(l => l.Level >= LogLevel.Warning).Select(l => $"{l.Level} {l.Category}: {l.Message} {l.Exception}"));

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        foreach (var (key, value) in _settings)
            builder.UseSetting(key, value);
        builder.ConfigureLogging(logging => logging.AddProvider(Logs).SetMinimumLevel(LogLevel.Debug));
        if (_environment is not null)
            builder.UseEnvironment(_environment);
        if (_clock is not null)
            builder.ConfigureServices(services => services.Replace(ServiceDescriptor.Singleton(_clock)));
        if (_remoteAddress is { } remote)
            builder.ConfigureServices(services => services.AddSingleton<IStartupFilter>(new RemoteAddressFilter(remote)));
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

    public override async ValueTask DisposeAsync()
    {
        _client?.Dispose();
        await base.DisposeAsync();
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
            _client?.Dispose();
        base.Dispose(disposing);
    }
}
