using IncidentBot.Dialogs.Retention;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace IncidentBot.Retention;

public static class RetentionOptionsRegistration
{
    /// <summary>The retention rules from the <c>Retention</c> section, validated at start, in place of the domain's default.</summary>
    public static IServiceCollection AddRetentionOptions(this IServiceCollection services)
    {
        services.AddOptions<RetentionOptions>().BindConfiguration(RetentionOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        services.Replace(ServiceDescriptor.Singleton(provider =>
        {
            var options = provider.GetRequiredService<IOptions<RetentionOptions>>().Value;
            return new RetentionRules { KeepMonths = options.KeepMonths, ArchiveChannel = options.ArchiveChannel, PurgeReports = options.PurgeReports };
        }));
        return services;
    }
}
