using System.Diagnostics;
using System.Globalization;
using System.Text;

using IncidentBot.Testing.Hosts;

namespace IncidentBot.Testing.Fakes.Cosmos;

/// <summary>
/// The Cosmos DB protocol server of the npm package <c>@vercel/cosmosdb-server</c> (pinned in
/// <c>tests/cosmos-server/package-lock.json</c>, started by our <c>tests/cosmos-server/server.js</c>,
/// which makes batches atomic and ETags quoted as Azure's are), run as a child process on
/// 127.0.0.1, behind <see cref="CosmosBatchBridge"/>: HTTPS with a certificate made for the run,
/// the SDK's binary batches translated, and <see cref="Faults"/> injected on request. It keeps
/// everything in memory and accepts any key. Shared by the integration tests and the benchmarks.
/// </summary>
public sealed class CosmosTestServer : IAsyncDisposable
{
    /// <summary>Any base64 text is a key to this server; the SDK insists on base64.</summary>
    public static readonly string Key = Convert.ToBase64String(Encoding.UTF8.GetBytes("incidentbot-test-server-key"));

    public static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(30);

    private const string ReadyBanner = "Ready to accept HTTP connections";

    private readonly string _cliPath;
    private readonly int _serverPort;
    private LocalProcess? _process;
    private CosmosBatchBridge? _bridge;

    private CosmosTestServer(string cliPath, int serverPort)
    {
        _cliPath = cliPath;
        _serverPort = serverPort;
    }

    /// <summary>The bridge's port, which clients use; kept across <see cref="RestartAsync"/>.</summary>
    public int Port { get; private set; }

    /// <summary>Failures to inject into the next matching requests.</summary>
    public CosmosFaults Faults { get; } = new();

    /// <summary><c>https://127.0.0.1:{port}/</c>.</summary>
    public Uri Endpoint => new($"https://127.0.0.1:{Port}/");

    public string ConnectionString => $"AccountEndpoint={Endpoint};AccountKey={Key};";

    public bool IsRunning => _process is { Process.HasExited: false };

    /// <summary>Starts a server on a free loopback port and waits (bounded) until it answers.</summary>
    public static async Task<CosmosTestServer> StartAsync(CancellationToken cancellationToken = default)
    {
        var cliPath = FindCli();
        for (var attempt = 1; ; attempt++)
        {
            var server = new CosmosTestServer(cliPath, LocalProcesses.FreePort());
            try
            {
                await server.StartProcessAsync(cancellationToken);
                return server;
            }
            catch (InvalidOperationException) when (attempt < 3)
            {
                // The port was taken between choosing and binding it: choose another.
                await server.DisposeAsync();
            }
        }
    }

    /// <summary>Kills the server (and its process tree), as an outage would. Its data is gone with it.</summary>
    public async Task StopAsync()
    {
        var bridge = _bridge;
        _bridge = null;
        if (bridge is not null)
            await bridge.DisposeAsync();
        var process = _process;
        _process = null;
        if (process is not null)
            await process.DisposeAsync();
    }

    /// <summary>Starts the server again on the same port (empty, as a fresh emulator would be).</summary>
    public Task RestartAsync(CancellationToken cancellationToken = default) =>
        IsRunning ? throw new InvalidOperationException("The server is running.") : StartProcessAsync(cancellationToken);

    public async ValueTask DisposeAsync() => await StopAsync();

    /// <summary>The repository root: the nearest folder above the running assembly that holds IncidentBot.sln.</summary>
    public static string RepositoryRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "IncidentBot.sln")))
                return directory.FullName;
        }
        throw new InvalidOperationException($"No IncidentBot.sln above {AppContext.BaseDirectory}.");
    }

    private static string FindCli()
    {
        var folder = Path.Combine(RepositoryRoot(), "tests", "cosmos-server");
        var package = Path.Combine(folder, "node_modules", "@vercel", "cosmosdb-server", "lib", "index.js");
        return File.Exists(package)
            ? Path.Combine(folder, "server.js")
            : throw new InvalidOperationException($"The Cosmos DB test server is not installed; run: npm ci --prefix {folder}");
    }


    private async Task StartProcessAsync(CancellationToken cancellationToken)
    {
        var start = new ProcessStartInfo("node");
        foreach (var argument in new[] { _cliPath, "--port", _serverPort.ToString(CultureInfo.InvariantCulture), "--host", "127.0.0.1" })
            start.ArgumentList.Add(argument);
        _process = LocalProcess.Start(start, "The Cosmos DB test server", line => line.Contains(ReadyBanner, StringComparison.Ordinal));
        try
        {
            await _process.WaitUntilReadyAsync(StartTimeout, cancellationToken);
            _bridge = await CosmosBatchBridge.StartAsync(_serverPort, Port, Faults);
            Port = _bridge.Port;
        }
        catch (TimeoutException e)
        {
            await StopAsync();
            throw new InvalidOperationException(e.Message, e); // StartAsync takes this for a port taken meanwhile and tries another
        }
        catch
        {
            await StopAsync();
            throw;
        }
    }
}
