using IncidentBot.Slack;
using IncidentBot.Slack.WebApi;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace IncidentBot.Testing.Fakes;

/// <summary>
/// <see cref="SlackWebApiRegistration.AddSlackWebApi"/> wired to a <see cref="FakeSlackServer"/>
/// over real HTTP, with an <see cref="ObservableTimeProvider"/> as the clock and every log line recorded.
/// </summary>
public sealed class SlackWebApiHarness : IAsyncDisposable
{
    // A safety net in real time: a call that hangs fails the test instead of the run.
    private readonly CancellationTokenSource _cancellation = new(TimeSpan.FromSeconds(30));

    private SlackWebApiHarness(FakeSlackServer slack, ObservableTimeProvider clock, RecordingLoggerProvider logs, ServiceProvider services)
    {
        Slack = slack;
        Clock = clock;
        Logs = logs;
        Services = services;
    }

    public FakeSlackServer Slack { get; }

    public ObservableTimeProvider Clock { get; }

    public RecordingLoggerProvider Logs { get; }

    public ServiceProvider Services { get; }

    /// <summary>Pass to every call under test.</summary>
    public CancellationToken Token => _cancellation.Token;

    public static async Task<SlackWebApiHarness> StartAsync(Action<SlackOptions>? configure = null)
    {
        var slack = await FakeSlackServer.StartAsync();
        var clock = new ObservableTimeProvider();
        var logs = new RecordingLoggerProvider();
        var services = new ServiceCollection();
        services.AddLogging(logging => logging.AddProvider(logs).SetMinimumLevel(LogLevel.Trace));
        services.AddSingleton<TimeProvider>(clock);
        services.Configure<SlackOptions>(options =>
        {
            options.SigningSecret = "test-signing-secret";
            options.BotToken = slack.BotToken;
            options.ApiBaseUrl = slack.ApiBaseUrl;
            // The fake Slack is on this machine: a development setting, off unless set.
            options.AllowLoopbackTargets = true;
            configure?.Invoke(options);
        });
        services.AddSlackWebApi();
        var provider = services.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true, ValidateScopes = true });
        return new SlackWebApiHarness(slack, clock, logs, provider);
    }

    public T Get<T>()
        where T : notnull => Services.GetRequiredService<T>();

    public async ValueTask DisposeAsync()
    {
        await Services.DisposeAsync();
        await Slack.DisposeAsync();
        _cancellation.Dispose();
    }
}
