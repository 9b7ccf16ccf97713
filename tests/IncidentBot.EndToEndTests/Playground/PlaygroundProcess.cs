using System.Diagnostics;
using System.Globalization;
using IncidentBot.Testing.Hosts;

namespace IncidentBot.EndToEndTests.Playground;

/// <summary>
/// Microsoft 365 Agents Playground (npm, pinned in <c>tests/playground</c>) as a child process:
/// its built-in configuration (it runs in an empty folder, so no config file is found), no
/// browser of its own, no telemetry, and a port the OS picks (<c>-p 0</c>; it prints
/// "Listening on N"). Stopped, with its children, on dispose.
/// </summary>
public sealed class PlaygroundProcess : IAsyncDisposable
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(90);
    private const string Listening = "Listening on ";

    private readonly LocalProcess _process;

    private PlaygroundProcess(LocalProcess process, string logFile)
    {
        _process = process;
        LogFile = logFile;
    }

    /// <summary>The web page (the Teams client) and the Bot Connector at <c>/_connector</c>.</summary>
    public Uri Address { get; private set; } = null!;

    /// <summary>The Playground's own log (what it sent and received, its warnings).</summary>
    public string LogFile { get; }

    public static async Task<PlaygroundProcess> StartAsync(string botEndpoint, string workDirectory)
    {
        var cli = Path.Combine(RepositoryPaths.Root, "tests", "playground", "node_modules", "@microsoft", "m365agentsplayground", "cli.js");
        if (!File.Exists(cli))
            throw new InvalidOperationException($"The Playground is not installed ({cli} is missing): run `npm ci --prefix tests/playground` (.ci/run does).");
        var start = new ProcessStartInfo("node")
        {
            ArgumentList = { cli, "-e", botEndpoint, "-c", "msteams", "-p", "0", "--dt" },
            WorkingDirectory = workDirectory,
        };
        start.Environment["TEAMSAPPTESTER_BROWSER"] = "none";
        start.Environment["M365_AGENTS_PLAYGROUND_LOGFILE"] = Path.Combine(workDirectory, "playground.log");
        // Only the built-in configuration: a config file named by the environment would change the tenant.
        start.Environment.Remove("M365_AGENTS_PLAYGROUND_CONFIG_PATH");
        start.Environment.Remove("TEAMS_APP_TEST_TOOL_CONFIG_PATH");
        start.Environment.Remove("M365_AGENTS_PLAYGROUND_SERVICE_URL");

        LocalProcess process;
        try
        {
            process = LocalProcess.Start(start, "The Playground", line => PortOf(line) is not null);
        }
        catch (InvalidOperationException e) when (e.InnerException is System.ComponentModel.Win32Exception)
        {
            throw new InvalidOperationException("Cannot run `node` (Node.js 20 or later is needed for the Playground): " + e.InnerException.Message, e);
        }
        var playground = new PlaygroundProcess(process, start.Environment["M365_AGENTS_PLAYGROUND_LOGFILE"]!);
        try
        {
            var port = PortOf(await process.WaitUntilReadyAsync(StartTimeout));
            playground.Address = new Uri($"http://127.0.0.1:{port}/");
            return playground;
        }
        catch (Exception e) when (e is InvalidOperationException or TimeoutException)
        {
            var log = playground.LogTail();
            await playground.DisposeAsync();
            throw new InvalidOperationException(e.Message + "\n" + log, e);
        }
        catch
        {
            await playground.DisposeAsync();
            throw;
        }
    }

    /// <summary>What the process printed, and the end of its log: for failure messages.</summary>
    public string Describe() => $"Playground output:\n{_process.Output()}\n{LogTail()}";

    public ValueTask DisposeAsync() => _process.DisposeAsync();

    private string LogTail()
    {
        string log;
        try
        {
            log = File.Exists(LogFile) ? string.Join('\n', File.ReadLines(LogFile).TakeLast(30)) : "(no log file)";
        }
        catch (IOException e)
        {
            log = "(log unreadable: " + e.Message + ")";
        }
        return $"Playground log ({LogFile}), last lines:\n{log}";
    }

    private static int? PortOf(string line) =>
        line.StartsWith(Listening, StringComparison.Ordinal)
        && int.TryParse(line.AsSpan(Listening.Length), NumberStyles.None, CultureInfo.InvariantCulture, out var port)
            ? port
            : null;
}
