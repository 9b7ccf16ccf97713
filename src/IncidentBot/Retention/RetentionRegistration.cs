using IncidentBot.Dialogs.Retention;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace IncidentBot.Retention;

public static class RetentionRegistration
{
    /// <summary>
    /// The retention rules from the <c>Retention</c> section, validated at start, in place of the domain's default.
    /// Holds, purges and their work come with <c>AddIncidentDialogs</c>.
    /// </summary>
    public static IServiceCollection AddRetention(this IServiceCollection services)
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
