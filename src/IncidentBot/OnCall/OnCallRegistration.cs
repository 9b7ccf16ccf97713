using IncidentBot.Dialogs.Paging;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace IncidentBot.OnCall;

public static class OnCallRegistration
{
    /// <summary>
    /// Paging with the on-call YAML file at <c>OnCall:ConfigPath</c>. Without a path the bot runs
    /// and pages nobody; the on-call commands say paging is not configured.
    /// </summary>
    public static IServiceCollection AddOnCall(this IServiceCollection services)
    {
        services.AddOptions<OnCallOptions>().BindConfiguration(OnCallOptions.SectionName).ValidateOnStart();
        services.AddSingleton<IValidateOptions<OnCallOptions>, OnCallOptionsValidator>();
        services.Replace(ServiceDescriptor.Singleton(provider => new OnCallAdmins(provider.GetRequiredService<IOptions<OnCallOptions>>().Value.Admins)));
        services.AddSingleton<YamlOnCallConfigSource>();
        services.Replace(ServiceDescriptor.Singleton<IOnCallConfigSource>(provider => provider.GetRequiredService<YamlOnCallConfigSource>()));
        services.AddHostedService<OnCallStartup>();
        return services;
    }
}
