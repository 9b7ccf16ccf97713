using System.Diagnostics;
using System.Globalization;
using System.Text;

namespace IncidentBot.EndToEndTests.Playground;

/// <summary>
/// Microsoft 365 Agents Playground (npm, pinned in <c>tests/playground</c>) as a child process:
/// its built-in configuration (it runs in an empty folder, so no config file is found), no
/// browser of its own, no telemetry, and a port the OS picks (<c>-p 0</c>; it prints
/// "Listening on N"). Stopped, with its children, on dispose.
/// </summary>
public sealed class PlaygroundProcess : IDisposable
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(90);

    private readonly Process _process;
    private readonly StringBuilder _output = new();

    private PlaygroundProcess(Process process, string logFile)
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
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.Environment["TEAMSAPPTESTER_BROWSER"] = "none";
        start.Environment["M365_AGENTS_PLAYGROUND_LOGFILE"] = Path.Combine(workDirectory, "playground.log");
        // Only the built-in configuration: a config file named by the environment would change the tenant.
        start.Environment.Remove("M365_AGENTS_PLAYGROUND_CONFIG_PATH");
        start.Environment.Remove("TEAMS_APP_TEST_TOOL_CONFIG_PATH");
        start.Environment.Remove("M365_AGENTS_PLAYGROUND_SERVICE_URL");

        Process process;
        try
        {
            process = Process.Start(start) ?? throw new InvalidOperationException("node did not start.");
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            throw new InvalidOperationException("Cannot run `node` (Node.js 20 or later is needed for the Playground): " + e.Message, e);
        }
        var playground = new PlaygroundProcess(process, start.Environment["M365_AGENTS_PLAYGROUND_LOGFILE"]!);
        try
        {
            playground.Address = await playground.ReadAddressAsync();
            return playground;
        }
        catch
        {
            playground.Dispose();
            throw;
        }
    }

    /// <summary>What the process printed, and the end of its log: for failure messages.</summary>
    public string Describe()
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
        lock (_output)
            return $"Playground output:\n{_output}\nPlayground log ({LogFile}), last lines:\n{log}";
    }

    private async Task<Uri> ReadAddressAsync()
    {
        var port = new TaskCompletionSource<int>(TaskCreationOptions.RunContinuationsAsynchronously);
        _process.OutputDataReceived += (_, e) =>
        {
            if (e.Data is null)
                return;
            lock (_output)
                _output.AppendLine(e.Data);
            const string Listening = "Listening on ";
            if (e.Data.StartsWith(Listening, StringComparison.Ordinal)
                && int.TryParse(e.Data.AsSpan(Listening.Length), NumberStyles.None, CultureInfo.InvariantCulture, out var value))
            {
                port.TrySetResult(value);
            }
        };
        _process.ErrorDataReceived += (_, e) =>
        {
            if (e.Data is null)
                return;
            lock (_output)
                _output.AppendLine(e.Data);
        };
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
        using var timeout = new CancellationTokenSource(StartTimeout);
        var exited = _process.WaitForExitAsync(timeout.Token);
        var first = await Task.WhenAny(port.Task, exited, Task.Delay(Timeout.InfiniteTimeSpan, timeout.Token));
        if (first == port.Task)
            return new Uri($"http://127.0.0.1:{port.Task.Result}/");
        throw new InvalidOperationException(
            (_process.HasExited ? $"The Playground exited with code {_process.ExitCode} before listening." : $"The Playground did not listen within {StartTimeout.TotalSeconds} s.")
            + "\n" + Describe());
    }

    public void Dispose()
    {
        try
        {
            if (!_process.HasExited)
            {
                _process.Kill(entireProcessTree: true);
                _process.WaitForExit(10_000);
            }
        }
        catch (InvalidOperationException)
        {
            // It exited between the check and the kill.
        }
        _process.Dispose();
    }
}
