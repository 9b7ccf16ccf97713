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
}
