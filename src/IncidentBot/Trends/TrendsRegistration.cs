using IncidentBot.Api;
using IncidentBot.Dialogs.Trends;

namespace IncidentBot.Trends;

public static class TrendsRegistration
{
    /// <summary>Trend figures, exports, charts, the <c>stats</c> command and the weekly digest.</summary>
    public static IServiceCollection AddTrends(this IServiceCollection services)
    {
        services.AddIncidentTrends();
        services.AddSingleton<ITrendChartRenderer, ScottPlotChartRenderer>();
        services.AddHostedService<DigestStartup>();
        return services;
    }

    /// <summary><c>GET /api/trends</c>, <c>/api/trends.csv</c> and <c>/api/incidents.csv</c> (<see cref="TrendsApi"/>), behind the API keys.</summary>
    public static IEndpointRouteBuilder MapTrends(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api").WithTags("Trends").RequireAuthorization(ApiRegistration.AuthorizationPolicyName);
        api.MapGet("/trends", TrendsApi.GetTrendsAsync);
        api.MapGet("/trends.csv", TrendsApi.GetTrendsCsvAsync);
        api.MapGet("/incidents.csv", TrendsApi.GetIncidentsCsvAsync);
        return app;
    }
}
