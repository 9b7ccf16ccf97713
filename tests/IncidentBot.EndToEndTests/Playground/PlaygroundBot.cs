using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace IncidentBot.EndToEndTests.Playground;

/// <summary>
/// The bot as a newcomer runs it: Development, no Teams (or Slack) settings, an embedded store in a
/// temporary folder, on Kestrel at 127.0.0.1 with a port the OS picks.
/// </summary>
public sealed class PlaygroundBot : WebApplicationFactory<Program>
{
    private readonly string _directory;

    public PlaygroundBot(string directory)
    {
        _directory = directory;
        UseKestrel(0);
    }

    /// <summary>Every log line at warning or above, for failure messages.</summary>
    public List<string> Problems { get; } = [];

    /// <summary><c>http://127.0.0.1:{port}/api/messages</c>, what the Playground is pointed at.</summary>
    public string MessagesEndpoint { get; private set; } = "";

    public void Start()
    {
        StartServer();
        var address = Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses
            .Select(a => new Uri(a))
            .First(a => a.Host is "127.0.0.1" or "localhost");
        MessagesEndpoint = $"http://127.0.0.1:{address.Port}/api/messages";
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Development");
        builder.UseSetting("Storage:Path", Path.Combine(_directory, "bot.db"));
        builder.UseSetting("Spool:Path", Path.Combine(_directory, "pending-declares.db"));
        builder.UseSetting("Spool:Path", Path.Combine(_directory, "spool.db"));
        builder.ConfigureLogging(logging => logging.AddProvider(new ProblemLogger(Problems)));
    }

    private sealed class ProblemLogger(List<string> problems) : ILoggerProvider, ILogger
    {
        public ILogger CreateLogger(string categoryName) => this;

        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Warning;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (!IsEnabled(logLevel))
                return;
            lock (problems)
                problems.Add($"{logLevel}: {formatter(state, exception)} {exception?.GetType().Name} {exception?.Message}");
        }

        public void Dispose()
        {
        }
    }
}
