using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;

namespace IncidentBot.LoadTests;

/// <summary>Starts the bare endpoint, the Slack stub and the bot, loads each endpoint in turn, prints the comparison.</summary>
internal static class Harness
{
    public const string Secret = "load-test-signing-secret";

    public static async Task<int> RunAsync(LoadOptions options)
    {
        var host = Environment.ProcessPath ?? throw new InvalidOperationException("No process path.");
        // Started as `dotnet IncidentBot.LoadTests.dll` the process is dotnet itself: pass the dll along.
        string[] self = Path.GetFileNameWithoutExtension(host) == "dotnet" ? [typeof(Harness).Assembly.Location] : [];
        var repo = FindRepositoryRoot();
        var botDll = Path.Combine(repo, "src", "IncidentBot", "bin", "Release", "net10.0", "IncidentBot.dll");
        if (!File.Exists(botDll))
            throw new FileNotFoundException($"Build the bot first: dotnet build -c Release (missing {botDll}).");
        var database = Path.Combine(Path.GetTempPath(), "incidentbot-load", Guid.NewGuid().ToString("N"), "load.db");

        int barePort = FreePort(), slackPort = FreePort(), botPort = FreePort();
        Console.WriteLine($"Load: {options.Rate} requests/s for {options.Seconds} s after {options.WarmupSeconds} s warm-up; workload '{options.Workload}'; {Environment.ProcessorCount} cores.");
        await using var bare = await ChildProcess.StartAsync(host, [.. self, "--serve-bare", barePort.ToString(CultureInfo.InvariantCulture)], new Uri($"http://127.0.0.1:{barePort}/healthz"));
        await using var slack = await ChildProcess.StartAsync(host, [.. self, "--serve-slack", slackPort.ToString(CultureInfo.InvariantCulture)], new Uri($"http://127.0.0.1:{slackPort}/healthz"));
        await using var bot = await ChildProcess.StartAsync("dotnet", [botDll, "--urls", $"http://127.0.0.1:{botPort}"], new Uri($"http://127.0.0.1:{botPort}/healthz"),
            new Dictionary<string, string>
            {
                ["ASPNETCORE_ENVIRONMENT"] = "Production",
                ["Slack__SigningSecret"] = Secret,
                ["Slack__BotToken"] = "xoxb-load-test",
                ["Slack__ApiBaseUrl"] = $"http://127.0.0.1:{slackPort}/api/",
                ["Slack__AnnouncementChannel"] = "C0ANNOUNCE",
                ["Storage__Path"] = database,
                ["Logging__LogLevel__Default"] = "Warning",
            });

        var results = new List<(string Name, LoadResult Result)>();
        if (options.Bare)
            results.Add(("bare Kestrel", await LoadRunner.RunAsync(new Uri($"http://127.0.0.1:{barePort}/slack/commands"), options, () => bare.ProcessorTime)));
        results.Add(("IncidentBot", await LoadRunner.RunAsync(new Uri($"http://127.0.0.1:{botPort}/slack/commands"), options, () => bot.ProcessorTime)));
        Report.Print(options, results);
        try
        {
            Directory.Delete(Path.GetDirectoryName(database)!, recursive: true);
        }
        catch (IOException)
        {
            // the bot may still hold the file for a moment; it is in the temp folder
        }
        return 0;
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static string FindRepositoryRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "IncidentBot.sln")))
                return directory.FullName;
        }
        throw new DirectoryNotFoundException("Run the harness from inside the repository.");
    }
}
