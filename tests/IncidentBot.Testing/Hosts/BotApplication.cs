using IncidentBot.Dialogs.Incidents;
using IncidentBot.Dialogs.Storage;
using IncidentBot.Dialogs.Work;
using IncidentBot.Testing.Fakes;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;

namespace IncidentBot.Testing.Hosts;

/// <summary>
/// The whole bot over real HTTP (Kestrel on 127.0.0.1), talking to a <see cref="FakeSlackServer"/>,
/// on an embedded store in a temporary file that outlives a restart of the bot.
/// </summary>
public sealed class BotApplication : WebApplicationFactory<Program>
{
    public const string SigningSecret = "8f742231b10e8888abcd99yyyzzz85a5";
    public const string ApiKey = "test-api-key-0123456789";
    public const string AnnouncementChannel = "C0ANNOUNCE";

    private readonly Dictionary<string, string?> _settings;
    private readonly TimeProvider? _clock;

    private readonly Action<IServiceCollection>? _services;

    public BotApplication(
        FakeSlackServer slack, string databasePath, TimeProvider? clock = null, IDictionary<string, string?>? settings = null,
        Action<IServiceCollection>? services = null)
    {
        _services = services;
        Slack = slack;
        DatabasePath = databasePath;
        _clock = clock;
        _settings = new Dictionary<string, string?>
        {
            ["Slack:SigningSecret"] = SigningSecret,
            ["Slack:BotToken"] = slack.BotToken,
            ["Slack:ApiBaseUrl"] = slack.ApiBaseUrl,
            // The fake Slack and its response_urls are on 127.0.0.1: allowed only by this development setting.
            ["Slack:AllowLoopbackTargets"] = "true",
            ["Slack:AnnouncementChannel"] = AnnouncementChannel,
            ["Storage:Path"] = databasePath,
            // Beside the database, never the project folder's default that every test host would share.
            ["Spool:Path"] = Path.Combine(Path.GetDirectoryName(Path.GetFullPath(databasePath))!, "pending-declares.db"),
            ["Api:Keys:0"] = ApiKey,
        };
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
            _settings[key] = value;
        UseKestrel(0);
    }

    public FakeSlackServer Slack { get; }

    public string DatabasePath { get; }

    public RecordingLoggerProvider Logs { get; } = new();

    public TimeProvider Clock => Services.GetRequiredService<TimeProvider>();

    public IncidentStore Incidents => Services.GetRequiredService<IncidentStore>();

    public IDocumentStore Documents => Services.GetRequiredService<IDocumentStore>();

    /// <summary>Starts the bot and its job server and returns a client for its address.</summary>
    public HttpClient Start()
    {
        StartServer();
        return CreateClient();
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        foreach (var (key, value) in _settings)
            builder.UseSetting(key, value);
        builder.ConfigureLogging(logging => logging.AddProvider(Logs).SetMinimumLevel(LogLevel.Debug));
        builder.ConfigureServices(services =>
        {
            if (_clock is not null)
                services.Replace(ServiceDescriptor.Singleton(_clock));
            _services?.Invoke(services);
        });
    }

    /// <summary>Runs every stored work item due by the bot's clock (see <see cref="DueWork"/>).</summary>
    /// <returns>How many work items ran.</returns>
    public Task<int> RunDueWorkAsync(CancellationToken cancellationToken = default) => DueWork.RunAsync(Services, Clock, cancellationToken);

    /// <summary>Waits for the bot to call Slack; on a timeout the failure shows the bot's warnings and errors.</summary>
    public async Task<SlackApiCall> WaitForSlackAsync(string method, Func<SlackApiCall, bool>? predicate = null, TimeSpan? timeout = null)
    {
        try
        {
            return await Slack.WaitForCallAsync(method, predicate, timeout);
        }
        catch (TimeoutException e)
        {
            throw new TimeoutException(e.Message + "\n" + await DueWork.DescribeAsync(Services) + "\nBot log (warnings and errors):\n" + ProblemLog(), e);
        }
    }

    public string ProblemLog() =>
        string.Join('\n', Logs.Logs.Where(l => l.Level >= LogLevel.Warning).Select(l => $"{l.Level} {l.Category}: {l.Message} {l.Exception?.GetType().Name} {l.Exception?.Message}"));

    /// <summary>A fresh database path in the temp folder; delete it with <see cref="DeleteDatabase"/>.</summary>
    public static string NewDatabasePath() =>
        Path.Combine(Path.GetTempPath(), "incidentbot-tests", Guid.NewGuid().ToString("N"), "bot.db");

    public static void DeleteDatabase(string path)
    {
        var directory = Path.GetDirectoryName(path)!;
        if (Directory.Exists(directory))
            Directory.Delete(directory, recursive: true);
    }
}
