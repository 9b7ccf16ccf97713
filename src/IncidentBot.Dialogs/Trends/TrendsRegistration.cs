using IncidentBot.Dialogs.Commands;
using IncidentBot.Dialogs.Work;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace IncidentBot.Dialogs.Trends;

public static class TrendsRegistration
{
    /// <summary>The trends logic; the host adds <see cref="ITrendStore"/> (with its store) and the chart renderer.</summary>
    public static IServiceCollection AddIncidentTrends(this IServiceCollection services)
    {
        services.TryAddSingleton<IncidentExport>();
        services.TryAddSingleton<TrendChartSharing>();
        services.TryAddSingleton<WeeklyDigestWork>();
        services.TryAddSingleton<DigestScheduler>();
        services.AddSingleton<IWorkHandler, TrendChartWork>();
        services.AddSingleton<IWorkHandler>(provider => provider.GetRequiredService<WeeklyDigestWork>());
        services.AddSingleton<ICommandSyntax, StatsSyntax>();
        services.AddSingleton<ICommandHandler, StatsHandler>();
        return services;
    }
}
