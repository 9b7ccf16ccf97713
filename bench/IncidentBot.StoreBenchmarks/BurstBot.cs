using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace IncidentBot.StoreBenchmarks;

/// <summary>
/// The whole bot on Kestrel (127.0.0.1) in this process, on the given settings (Cosmos DB on the
/// test server), with one addition at the front of its pipeline: each request runs with a
/// <see cref="RequestCharges.Bucket"/> named by its <c>X-Bench-Request</c> header, so the request
/// charges the store reports during it are counted against it.
/// </summary>
public sealed class BurstBot(IReadOnlyDictionary<string, string?> settings, RequestCharges charges) : WebApplicationFactory<Program>
{
    public const string RequestHeader = "X-Bench-Request";

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        foreach (var (key, value) in settings)
            builder.UseSetting(key, value);
        builder.ConfigureLogging(logging => logging.ClearProviders().AddSimpleConsole().SetMinimumLevel(LogLevel.Warning));
        builder.ConfigureServices(services => services.AddSingleton<IStartupFilter>(new TagRequests(charges)));
    }

    public HttpClient Start()
    {
        // The bot's content root is its project folder; a bench is not a test project, so say where it is.
        Environment.SetEnvironmentVariable("ASPNETCORE_TEST_CONTENTROOT_INCIDENTBOT",
            Path.Combine(IncidentBot.Testing.Fakes.Cosmos.CosmosTestServer.RepositoryRoot(), "src", "IncidentBot"));
        UseKestrel(0);
        StartServer();
        return CreateClient();
    }

    private sealed class TagRequests(RequestCharges charges) : IStartupFilter
    {
        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            app.Use(async (HttpContext http, RequestDelegate inner) =>
            {
                var name = http.Request.Headers[RequestHeader].ToString();
                using (charges.Enter(name.Length > 0 ? name : "other " + http.Request.Path))
                    await inner(http);
            });
            next(app);
        };
    }
}
