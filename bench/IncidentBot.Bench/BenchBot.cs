using Microsoft.AspNetCore.Mvc.Testing;

namespace IncidentBot.Bench;

/// <summary>The whole bot on Kestrel (127.0.0.1), Teams pointed at the stand-in, an embedded store in a temp file.</summary>
internal sealed class BenchBot(string serviceUrl, string databasePath) : WebApplicationFactory<Program>
{
    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseSetting("Teams:IncidentsChannelId", "19:benchincidents@thread.tacv2");
        builder.UseSetting("Teams:ServiceUrl", serviceUrl);
        builder.UseSetting("Teams:TenantId", ActivitySender.Tenant);
        builder.UseSetting("Storage:Path", databasePath);
        // Beside the database, not the default under src/IncidentBot/data: declares spooled under an
        // overload would otherwise outlive the run and be stored by the next bot that opens that file.
        builder.UseSetting("Spool:Path", Path.Combine(Path.GetDirectoryName(databasePath)!, "pending-declares.db"));
        builder.ConfigureLogging(logging => logging.ClearProviders().SetMinimumLevel(LogLevel.Warning));
    }

    public HttpClient Start()
    {
        // The bot's content root is its project folder; a bench is not a test project, so say where it is.
        Environment.SetEnvironmentVariable("ASPNETCORE_TEST_CONTENTROOT_INCIDENTBOT", ProjectFolder());
        UseKestrel(0);
        StartServer();
        return CreateClient();
    }

    private static string ProjectFolder()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "IncidentBot.sln")))
                return Path.Combine(directory.FullName, "src", "IncidentBot");
        }
        throw new InvalidOperationException("IncidentBot.sln not found above " + AppContext.BaseDirectory);
    }
}
