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
        UseKestrel(0);
        StartServer();
        using var started = CreateClient();
        return new HttpClient(new HttpClientHandler { UseCookies = true, AllowAutoRedirect = false }) { BaseAddress = started.BaseAddress, Timeout = TimeSpan.FromMinutes(10) };
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
