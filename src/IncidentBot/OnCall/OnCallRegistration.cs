using IncidentBot.Dialogs.Paging;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace IncidentBot.OnCall;

public static class OnCallRegistration
{
    /// <summary>
    /// Paging with the on-call YAML file at <c>OnCall:ConfigPath</c>. Without a path the bot runs
    /// and pages nobody; the on-call commands say paging is not configured.
    /// </summary>
    public static IServiceCollection AddOnCall(this IServiceCollection services)
    {
        services.AddOptions<OnCallOptions>().BindConfiguration(OnCallOptions.SectionName);
        services.AddSingleton<YamlOnCallConfigSource>();
        services.Replace(ServiceDescriptor.Singleton<IOnCallConfigSource>(provider => provider.GetRequiredService<YamlOnCallConfigSource>()));
        services.AddHostedService<OnCallStartup>();
        return services;
    }
}
