using System.Diagnostics;
using System.Text;
using IncidentBot.IntegrationTests.Storage.Cosmos;

namespace IncidentBot.IntegrationTests.Conformance;

/// <summary>
/// Runs one of the platforms' own validators in <c>tests/conformance/</c> (Microsoft's
/// <c>adaptivecards</c> and <c>@microsoft/teams-manifest</c>, Slack's <c>@slack/types</c> and
/// <c>@slack/web-api</c> with <c>tsc</c>) once over a folder of payloads. <c>.ci/run</c> installs
/// them with <c>npm ci</c>; locally: <c>npm ci --prefix tests/conformance</c>.
/// </summary>
internal static class ConformanceTool
{
    /// <summary>Bounded: every check takes a few seconds on a loaded CI machine.</summary>
    private static readonly TimeSpan Timeout = TimeSpan.FromMinutes(3);

    public static string Folder => Path.Combine(CosmosTestServer.RepositoryRoot(), "tests", "conformance");

    public static Task<ConformanceResult> RunAsync(string script, params string[] arguments)
    {
        Assert.True(Directory.Exists(Path.Combine(Folder, "node_modules")),
            $"The validators are not installed: run npm ci --prefix {Folder}");
        return RunProcessAsync("node", [Path.Combine(Folder, script), .. arguments]);
    }

    /// <summary>Runs a program to its end (bounded), its output and errors together.</summary>
    public static async Task<ConformanceResult> RunProcessAsync(string fileName, IReadOnlyList<string> arguments, IReadOnlyDictionary<string, string>? environment = null)
    {
        var start = new ProcessStartInfo(fileName)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = Folder,
        };
        foreach (var argument in arguments)
            start.ArgumentList.Add(argument);
        foreach (var (name, value) in environment ?? new Dictionary<string, string>())
            start.Environment[name] = value;
        using var process = Process.Start(start) ?? throw new InvalidOperationException($"{fileName} did not start.");
        using var cancellation = new CancellationTokenSource(Timeout);
        var output = process.StandardOutput.ReadToEndAsync(cancellation.Token);
        var errors = process.StandardError.ReadToEndAsync(cancellation.Token);
        try
        {
            await process.WaitForExitAsync(cancellation.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{fileName} {string.Join(' ', arguments)} did not finish within {Timeout}.");
        }
        var text = new StringBuilder(await output).Append(await errors).ToString().TrimEnd();
        return new ConformanceResult(process.ExitCode, text);
    }

    /// <summary>A fresh folder for the payloads of one check; deleted by <see cref="IDisposable.Dispose"/>.</summary>
    public static PayloadFolder NewPayloadFolder() => new();
}
