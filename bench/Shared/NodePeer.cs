using System.Diagnostics;
using System.Globalization;

namespace IncidentBot.BenchSupport;

/// <summary>
/// The JavaScript peers of the issue-12 benchmarks (<c>bench/peers/&lt;name&gt;</c>): installed with
/// <c>npm ci</c> from their committed lock files when <c>node_modules</c> is missing, then started
/// with <c>node</c> on 127.0.0.1 and a port of ours.
/// </summary>
internal static class NodePeer
{
    private static readonly TimeSpan InstallTimeout = TimeSpan.FromMinutes(5);

    public static string Folder(string repositoryRoot, string name) => Path.Combine(repositoryRoot, "bench", "peers", name);

    /// <summary>Starts <paramref name="script"/> of peer <paramref name="name"/> with <c>--port</c>; ready when <c>GET /healthz</c> answers.</summary>
    public static async Task<ChildProcess> StartAsync(string repositoryRoot, string name, string script, int port, IDictionary<string, string>? environment = null)
    {
        var folder = Folder(repositoryRoot, name);
        await EnsureInstalledAsync(folder);
        return await ChildProcess.StartAsync("node", [Path.Combine(folder, script), "--port", port.ToString(CultureInfo.InvariantCulture)],
            new Uri($"http://127.0.0.1:{port}/healthz"), environment, name);
    }

    /// <summary><c>npm ci --prefix folder</c> when the peer's packages are not there yet (bounded: 5 minutes).</summary>
    public static async Task EnsureInstalledAsync(string folder)
    {
        if (!File.Exists(Path.Combine(folder, "package-lock.json")))
            throw new FileNotFoundException($"No package-lock.json in {folder}.");
        if (Directory.Exists(Path.Combine(folder, "node_modules")))
            return;
        Console.WriteLine($"Installing {folder} (npm ci)…");
        var info = new ProcessStartInfo("npm") { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in new[] { "ci", "--prefix", folder, "--no-audit", "--no-fund", "--loglevel=error" })
            info.ArgumentList.Add(argument);
        using var npm = Process.Start(info) ?? throw new InvalidOperationException("npm did not start.");
        var output = npm.StandardOutput.ReadToEndAsync();
        var errors = npm.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(InstallTimeout);
        try
        {
            await npm.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            npm.Kill(entireProcessTree: true);
            throw new TimeoutException($"npm ci --prefix {folder} took more than {InstallTimeout.TotalMinutes} minutes.");
        }
        if (npm.ExitCode != 0)
            throw new InvalidOperationException($"npm ci --prefix {folder} failed ({npm.ExitCode}):\n{await output}\n{await errors}");
    }
}
