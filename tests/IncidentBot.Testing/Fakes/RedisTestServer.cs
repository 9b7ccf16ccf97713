using System.Diagnostics;
using System.Globalization;
using System.Text;

using IncidentBot.Testing.Hosts;

namespace IncidentBot.Testing.Fakes;

/// <summary>
/// A redis-server (the Debian package, installed by <c>.ci/run</c>) on 127.0.0.1 and a free port,
/// keeping nothing on disk, for the tests of several instances sharing a job storage. Ready when
/// it says so; stopped by killing it.
/// </summary>
public sealed class RedisTestServer : IAsyncDisposable
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(30);

    private readonly Process _process;
    private readonly StringBuilder _output = new();

    private RedisTestServer(Process process, int port)
    {
        _process = process;
        Port = port;
    }

    public int Port { get; }

    /// <summary>The StackExchange.Redis configuration string the bot takes as <c>Jobs:Redis:ConnectionString</c>.</summary>
    public string ConnectionString => string.Create(CultureInfo.InvariantCulture, $"127.0.0.1:{Port},abortConnect=false");

    public static async Task<RedisTestServer> StartAsync()
    {
        var executable = new[] { "/usr/bin/redis-server", "/usr/local/bin/redis-server" }.FirstOrDefault(File.Exists)
            ?? throw new InvalidOperationException("redis-server is not installed; run: apt-get install -y redis-server (bash .ci/run does).");
        var port = LocalProcesses.FreePort();
        var start = new ProcessStartInfo(executable)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in new[] { "--port", port.ToString(CultureInfo.InvariantCulture), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no", "--protected-mode", "yes" })
            start.ArgumentList.Add(argument);
        var process = new Process { StartInfo = start, EnableRaisingEvents = true };
        var server = new RedisTestServer(process, port);
        var ready = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        process.OutputDataReceived += (_, line) => server.Observe(line.Data, ready);
        process.ErrorDataReceived += (_, line) => server.Observe(line.Data, ready);
        process.Exited += (_, _) => ready.TrySetException(new InvalidOperationException($"redis-server exited before it was ready:\n{server.Output()}"));
        if (!process.Start())
            throw new InvalidOperationException("redis-server did not start.");
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        AppDomain.CurrentDomain.ProcessExit += server.KillOnExit;
        try
        {
            await ready.Task.WaitAsync(StartTimeout);
        }
        catch
        {
            await server.DisposeAsync();
            throw;
        }
        return server;
    }

    public async ValueTask DisposeAsync()
    {
        AppDomain.CurrentDomain.ProcessExit -= KillOnExit;
        try
        {
            if (!_process.HasExited)
                _process.Kill(entireProcessTree: true);
            using var timeout = new CancellationTokenSource(StartTimeout);
            await _process.WaitForExitAsync(timeout.Token);
        }
        catch (InvalidOperationException)
        {
            // Never started.
        }
        _process.Dispose();
    }

    private void KillOnExit(object? sender, EventArgs e) => LocalProcesses.KillTree(_process);

    private void Observe(string? line, TaskCompletionSource ready)
    {
        if (line is null)
            return;
        lock (_output)
            _output.AppendLine(line);
        if (line.Contains("Ready to accept connections", StringComparison.Ordinal))
            ready.TrySetResult();
    }

    private string Output()
    {
        lock (_output)
            return _output.ToString();
    }

}
