using IncidentBot.Health;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace IncidentBot.Slack.SocketMode;

public static class SocketModeRegistration
{
    /// <summary>Socket Mode: the connections' owner (idle without <c>Slack:AppToken</c>) and its line on <c>/readyz</c>.</summary>
    public static IServiceCollection AddSlackSocketMode(this IServiceCollection services)
    {
        services.TryAddSingleton<SocketModeStatus>();
        services.TryAddSingleton<SocketModeEnvelopeHandler>();
        services.AddHostedService<SocketModeService>();
        services.AddHealthChecks().AddCheck<SocketModeHealthCheck>("slack-socket-mode", tags: [HealthRegistration.ReadyTag]);
        return services;
    }
}
