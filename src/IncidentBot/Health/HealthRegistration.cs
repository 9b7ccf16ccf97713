using System.Text.Json;
using IncidentBot.Api;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace IncidentBot.Health;

public static class HealthRegistration
{
    /// <summary>The checks that make up <c>/readyz</c>; features add their own with this tag.</summary>
    public const string ReadyTag = "ready";

    public static IServiceCollection AddHealth(this IServiceCollection services)
    {
        services.AddHealthChecks()
            .AddCheck<StoreHealthCheck>("store", tags: [ReadyTag])
            .AddCheck<JobsHealthCheck>("jobs", tags: [ReadyTag])
            .AddCheck<WorkHealthCheck>("work", tags: [ReadyTag]);
        return services;
    }

    /// <summary>
    /// <c>/healthz</c>: the process answers. <c>/readyz</c>: the store and the job scheduler are usable.
    /// Both are anonymous, so anyone who reaches the bot learns only the overall status; each
    /// check's description (file paths, the Cosmos host, database and container, error text) is
    /// shown only to a caller with an API key (<c>Api:Keys</c>).
    /// </summary>
    public static IEndpointRouteBuilder MapHealth(this IEndpointRouteBuilder app)
    {
        app.MapHealthChecks("/healthz", new HealthCheckOptions { Predicate = _ => false, ResponseWriter = WriteAsync });
        app.MapHealthChecks("/readyz", new HealthCheckOptions { Predicate = c => c.Tags.Contains(ReadyTag), ResponseWriter = WriteAsync });
        return app;
    }

    private static async Task WriteAsync(HttpContext context, HealthReport report)
    {
        context.Response.ContentType = "application/json";
        context.Response.Headers.CacheControl = "no-store";
        var authenticated = (await context.AuthenticateAsync(ApiKeyAuthenticationHandler.SchemeName)).Succeeded;
        object body = authenticated
            ? new
            {
                status = report.Status.ToString(),
                checks = report.Entries.ToDictionary(e => e.Key, e => new { status = e.Value.Status.ToString(), description = e.Value.Description }),
            }
            : new { status = report.Status.ToString() };
        await context.Response.WriteAsync(JsonSerializer.Serialize(body, JsonSerializerOptions.Web));
    }
}
