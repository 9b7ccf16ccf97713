using System.Diagnostics;
using System.Globalization;
using System.Net;
using IncidentBot.Testing.Fakes.Cosmos;

namespace IncidentBot.Testing.Hosts;

/// <summary>
/// The bot as its own process (<c>dotnet IncidentBot.dll</c>, the Release or Debug build beside
/// these tests or benches), listening on 127.0.0.1 and a free port, so a test can kill it as an
/// operating system would: no shutdown, no flush, mid-write. Killed too when the process that
/// started it exits, so a failed run leaves no bot behind.
/// </summary>
public sealed class BotProcess : IAsyncDisposable
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(60);

    private readonly LocalProcess _process;

    private BotProcess(LocalProcess process, int port)
    {
        _process = process;
        Port = port;
        BaseAddress = new Uri($"http://127.0.0.1:{port}/");
    }

    public int Port { get; }

    public Uri BaseAddress { get; }

    /// <summary>Starts the bot with these settings (as environment variables) and waits until <c>/healthz</c> answers.</summary>
    public static Task<BotProcess> StartAsync(IDictionary<string, string> settings, CancellationToken cancellationToken) =>
        StartAsync(settings, botAssembly: null, cancellationToken);

    /// <summary>The same with another build of the bot (a bench comparing it with this one); null: the one beside these sources.</summary>
    public static async Task<BotProcess> StartAsync(IDictionary<string, string> settings, string? botAssembly, CancellationToken cancellationToken)
    {
        var port = LocalProcesses.FreePort();
        var assembly = botAssembly is null ? BotAssembly()
            : File.Exists(botAssembly) ? Path.GetFullPath(botAssembly) : throw new FileNotFoundException($"No bot build at {botAssembly}.", botAssembly);
        var start = new ProcessStartInfo("dotnet") { WorkingDirectory = Path.GetDirectoryName(assembly)! };
        start.ArgumentList.Add(assembly);
        start.ArgumentList.Add("--urls");
        start.ArgumentList.Add($"http://127.0.0.1:{port}");
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        start.Environment["DOTNET_gcServer"] = "0";
        start.Environment["Logging__LogLevel__Default"] = "Warning";
        foreach (var (key, value) in settings)
            start.Environment[key.Replace(":", "__", StringComparison.Ordinal)] = value;
        var bot = new BotProcess(LocalProcess.Start(start, "The bot"), port);
        try
        {
            await bot.WaitUntilHealthyAsync(cancellationToken);
        }
        catch
        {
            await bot.DisposeAsync();
            throw;
        }
        return bot;
    }

    /// <summary>SIGKILL: the process ends at once, in the middle of whatever it was writing.</summary>
    public Task KillAsync() => _process.KillAsync(StartTimeout);

    /// <summary>SIGTERM, as an orchestrator stops a container: the host shuts down gracefully; waits until it has.</summary>
    public async Task StopAsync()
    {
        if (_process.Process.HasExited)
            return;
        using (var signal = Process.Start("kill", ["-TERM", _process.Process.Id.ToString(CultureInfo.InvariantCulture)]))
            await signal.WaitForExitAsync();
        using var timeout = new CancellationTokenSource(StartTimeout);
        try
        {
            await _process.Process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            await KillAsync(); // it did not stop in a minute: as an orchestrator would, kill it
        }
    }

    public string Output() => _process.Output();

    public ValueTask DisposeAsync() => _process.DisposeAsync();

    private async Task WaitUntilHealthyAsync(CancellationToken cancellationToken)
    {
        using var http = new HttpClient { BaseAddress = BaseAddress, Timeout = TimeSpan.FromSeconds(5) };
        try
        {
            await BoundedPoll.UntilAsync(
                async ct =>
                {
                    if (_process.Process.HasExited)
                        throw new InvalidOperationException($"The bot exited with {_process.Process.ExitCode} before it was ready:\n{Output()}");
                    try
                    {
                        using var response = await http.GetAsync(new Uri("/healthz", UriKind.Relative), ct);
                        return response.StatusCode.ToString();
                    }
                    catch (HttpRequestException e)
                    {
                        return "not listening yet: " + e.Message;
                    }
                    catch (TaskCanceledException) when (!ct.IsCancellationRequested)
                    {
                        return "no answer within 5 s (busy starting)";
                    }
                },
                answer => answer == nameof(HttpStatusCode.OK), "the bot to answer /healthz with 200", StartTimeout, cancellationToken);
        }
        catch (TimeoutException e)
        {
            throw new TimeoutException(e.Message + "\n" + Output(), e);
        }
    }

    /// <summary>The bot's own build, next to its sources, in the configuration these tests (or this bench) were built in.</summary>
    private static string BotAssembly()
    {
        var configuration = AppContext.BaseDirectory.Contains($"{Path.DirectorySeparatorChar}Debug{Path.DirectorySeparatorChar}", StringComparison.Ordinal) ? "Debug" : "Release";
        var path = Path.Combine(CosmosTestServer.RepositoryRoot(), "src", "IncidentBot", "bin", configuration, "net10.0", "IncidentBot.dll");
        return File.Exists(path) ? path : throw new InvalidOperationException($"The bot is not built at {path}; build the solution first.");
    }

}
