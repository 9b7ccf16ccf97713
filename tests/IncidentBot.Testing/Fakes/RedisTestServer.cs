using System.Diagnostics;
using System.Globalization;

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

    private readonly LocalProcess _process;

    private RedisTestServer(LocalProcess process, int port)
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
        var start = new ProcessStartInfo(executable);
        foreach (var argument in new[] { "--port", port.ToString(CultureInfo.InvariantCulture), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no", "--protected-mode", "yes" })
            start.ArgumentList.Add(argument);
        var process = LocalProcess.Start(start, "redis-server", line => line.Contains("Ready to accept connections", StringComparison.Ordinal));
        try
        {
            await process.WaitUntilReadyAsync(StartTimeout);
        }
        catch
        {
            await process.DisposeAsync();
            throw;
        }
        return new RedisTestServer(process, port);
    }

    public ValueTask DisposeAsync() => _process.DisposeAsync();
}
