using IncidentBot.Dialogs.Evidence;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace IncidentBot.Evidence;

public static class EvidenceOptionsRegistration
{
    /// <summary>Download links and the chat upload limit from the <c>Evidence</c> section, validated at start, in place of the domain's default (none).</summary>
    public static IServiceCollection AddEvidenceOptions(this IServiceCollection services)
    {
        services.AddOptions<EvidenceOptions>().BindConfiguration(EvidenceOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<IValidateOptions<EvidenceOptions>, EvidenceOptionsValidation>();
        services.Replace(ServiceDescriptor.Singleton(provider =>
        {
            var options = provider.GetRequiredService<IOptions<EvidenceOptions>>().Value;
            return new EvidenceLinkOptions
            {
                BaseUrl = string.IsNullOrWhiteSpace(options.LinkBaseUrl) ? null : new Uri(options.LinkBaseUrl, UriKind.Absolute),
                Lifetime = TimeSpan.FromMinutes(options.LinkMinutes),
            };
        }));
        services.Replace(ServiceDescriptor.Singleton(provider => new EvidenceUploadOptions
        {
            MaxChatUploadBytes = provider.GetRequiredService<IOptions<EvidenceOptions>>().Value.MaxChatUploadMegabytes * 1024L * 1024,
        }));
        return services;
    }
}
