using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Text;
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

    private readonly Process _process;
    private readonly StringBuilder _output = new();

    private BotProcess(Process process, int port)
    {
        _process = process;
        Port = port;
        BaseAddress = new Uri($"http://127.0.0.1:{port}/");
    }

    public int Port { get; }

    public Uri BaseAddress { get; }

    /// <summary>Starts the bot with these settings (as environment variables) and waits until <c>/healthz</c> answers.</summary>
    public static async Task<BotProcess> StartAsync(IDictionary<string, string> settings, CancellationToken cancellationToken)
    {
        var port = LocalProcesses.FreePort();
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = Path.GetDirectoryName(BotAssembly())!,
        };
        start.ArgumentList.Add(BotAssembly());
        start.ArgumentList.Add("--urls");
        start.ArgumentList.Add($"http://127.0.0.1:{port}");
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        start.Environment["DOTNET_gcServer"] = "0";
        start.Environment["Logging__LogLevel__Default"] = "Warning";
        foreach (var (key, value) in settings)
            start.Environment[key.Replace(":", "__", StringComparison.Ordinal)] = value;
        var process = new Process { StartInfo = start };
        var bot = new BotProcess(process, port);
        process.OutputDataReceived += (_, line) => bot.Observe(line.Data);
        process.ErrorDataReceived += (_, line) => bot.Observe(line.Data);
        if (!process.Start())
            throw new InvalidOperationException("dotnet did not start.");
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        AppDomain.CurrentDomain.ProcessExit += bot.KillOnExit;
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
    public async Task KillAsync()
    {
        if (_process.HasExited)
            return;
        _process.Kill(entireProcessTree: true);
        using var timeout = new CancellationTokenSource(StartTimeout);
        await _process.WaitForExitAsync(timeout.Token);
    }

    /// <summary>SIGTERM, as an orchestrator stops a container: the host shuts down gracefully; waits until it has.</summary>
    public async Task StopAsync()
    {
        if (_process.HasExited)
            return;
        using (var signal = Process.Start("kill", ["-TERM", _process.Id.ToString(CultureInfo.InvariantCulture)]))
            await signal.WaitForExitAsync();
        using var timeout = new CancellationTokenSource(StartTimeout);
        try
        {
            await _process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            await KillAsync(); // it did not stop in a minute: as an orchestrator would, kill it
        }
    }

    public string Output()
    {
        lock (_output)
            return _output.ToString();
    }

    public async ValueTask DisposeAsync()
    {
        AppDomain.CurrentDomain.ProcessExit -= KillOnExit;
        try
        {
            await KillAsync();
        }
        catch (InvalidOperationException)
        {
            // Never started.
        }
        _process.Dispose();
    }

    private void KillOnExit(object? sender, EventArgs e) => LocalProcesses.KillTree(_process);

    private async Task WaitUntilHealthyAsync(CancellationToken cancellationToken)
    {
        using var http = new HttpClient { BaseAddress = BaseAddress, Timeout = TimeSpan.FromSeconds(5) };
        var deadline = DateTime.UtcNow + StartTimeout;
        while (DateTime.UtcNow < deadline)
        {
            if (_process.HasExited)
                throw new InvalidOperationException($"The bot exited with {_process.ExitCode} before it was ready:\n{Output()}");
            try
            {
                using var response = await http.GetAsync(new Uri("/healthz", UriKind.Relative), cancellationToken);
                if (response.StatusCode == HttpStatusCode.OK)
                    return;
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }
            catch (TaskCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                // Busy starting.
            }
            await Task.Delay(TimeSpan.FromMilliseconds(100), cancellationToken);
        }
        throw new TimeoutException($"The bot did not answer /healthz within {StartTimeout.TotalSeconds} s:\n{Output()}");
    }

    private void Observe(string? line)
    {
        if (line is null)
            return;
        lock (_output)
            _output.AppendLine(line);
    }

    /// <summary>The bot's own build, next to its sources, in the configuration these tests (or this bench) were built in.</summary>
    private static string BotAssembly()
    {
        var configuration = AppContext.BaseDirectory.Contains($"{Path.DirectorySeparatorChar}Debug{Path.DirectorySeparatorChar}", StringComparison.Ordinal) ? "Debug" : "Release";
        var path = Path.Combine(CosmosTestServer.RepositoryRoot(), "src", "IncidentBot", "bin", configuration, "net10.0", "IncidentBot.dll");
        return File.Exists(path) ? path : throw new InvalidOperationException($"The bot is not built at {path}; build the solution first.");
    }

}
