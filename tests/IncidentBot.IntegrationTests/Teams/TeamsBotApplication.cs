using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using IncidentBot.Dialogs.Incidents;
using IncidentBot.Dialogs.Storage;
using IncidentBot.IntegrationTests.Bot;
using IncidentBot.IntegrationTests.Fakes;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;

namespace IncidentBot.IntegrationTests.Teams;

/// <summary>
/// The whole bot over real HTTP (Kestrel on 127.0.0.1) with Teams configured against a
/// <see cref="FakeBotConnector"/>, on an embedded store in a temporary file. Slack stays unconfigured.
/// </summary>
public sealed class TeamsBotApplication : WebApplicationFactory<Program>
{
    private readonly Dictionary<string, string?> _settings;
    private readonly TimeProvider? _clock;
    private HttpClient? _client;

    public TeamsBotApplication(FakeBotConnector connector, string databasePath, IDictionary<string, string?>? settings = null, TimeProvider? clock = null)
    {
        _clock = clock;
        Connector = connector;
        DatabasePath = databasePath;
        _settings = new Dictionary<string, string?>
        {
            ["Teams:IncidentsChannelId"] = TeamsActivities.IncidentsChannel,
            ["Teams:AnnouncementChannelId"] = TeamsActivities.AnnouncementChannel,
            ["Teams:ServiceUrl"] = connector.ServiceUrl,
            ["Storage:Path"] = databasePath,
        };
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
            _settings[key] = value;
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
    public async Task<HttpResponseMessage> SendAsync(JsonObject activity, string? authorization = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/messages")
        {
            Content = new StringContent(activity.ToJsonString(), Encoding.UTF8, "application/json"),
        };
        if (authorization is not null)
            request.Headers.Authorization = AuthenticationHeaderValue.Parse(authorization);
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
        if (_clock is not null)
            builder.ConfigureServices(services => services.Replace(ServiceDescriptor.Singleton(_clock)));
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
