using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.Logging;

namespace IncidentBot.TrendsBench;

/// <summary>The whole bot on Kestrel at 127.0.0.1, with the given settings (the store), one API key and quiet logs.</summary>
internal sealed class TrendsBot(IReadOnlyDictionary<string, string> settings) : WebApplicationFactory<global::Program>
{
    public const string ApiKey = "trends-bench-key-0123456789";

    public HttpClient Start()
    {
        // The bot's content root is its project folder; a bench is not a test project, so say where it is.
        Environment.SetEnvironmentVariable("ASPNETCORE_TEST_CONTENTROOT_INCIDENTBOT", ProjectFolder());
        UseKestrel(0);
        StartServer();
        using var started = CreateClient();
        return new HttpClient(new HttpClientHandler { UseCookies = true, AllowAutoRedirect = false }) { BaseAddress = started.BaseAddress, Timeout = TimeSpan.FromMinutes(10) };
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

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Production");
        builder.UseSetting("Api:Keys:0", ApiKey);
        foreach (var (key, value) in settings)
            builder.UseSetting(key, value);
        builder.ConfigureLogging(logging => logging.SetMinimumLevel(LogLevel.Warning));
    }
}
