using IncidentBot.Api;
using IncidentBot.Dialogs.Evidence;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace IncidentBot.Evidence;

public static class EvidenceRegistration
{
    /// <summary>
    /// Download links and the chat upload limit from the <c>Evidence</c> section, validated at start, in place of
    /// the domain's default (none). The ledger, package and <c>evidence</c> command come with <c>AddIncidentDialogs</c>.
    /// </summary>
    public static IServiceCollection AddEvidence(this IServiceCollection services)
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

    /// <summary>
    /// The evidence endpoints (<see cref="EvidenceApi"/>): ledger and package behind an API key, their check, the
    /// one-time chat links (the link is the credential), and the audit log for <c>admin</c> keys.
    /// </summary>
    public static IEndpointRouteBuilder MapEvidence(this IEndpointRouteBuilder app)
    {
        var incidents = app.MapGroup("/api/incidents").WithTags("Evidence")
            .RequireAuthorization(ApiRegistration.AuthorizationPolicyName).AddEndpointFilter<AdminKeyAudit>();
        incidents.MapGet("/{number:int}/ledger", EvidenceApi.GetLedgerAsync);
        incidents.MapGet("/{number:int}/evidence.zip", EvidenceApi.GetEvidenceAsync);
        var evidence = app.MapGroup("/api/evidence").WithTags("Evidence")
            .RequireAuthorization(ApiRegistration.AuthorizationPolicyName).AddEndpointFilter<AdminKeyAudit>();
        evidence.MapPost("/verify", EvidenceApi.VerifyAsync);
        app.MapGet("/" + EvidenceLinks.PathPrefix + "{workspace}/{token}", EvidenceApi.GetLinkedEvidenceAsync).WithTags("Evidence").AllowAnonymous();
        var audit = app.MapGroup("/api/audit").WithTags("Audit")
            .RequireAuthorization(ApiRegistration.AdminAuthorizationPolicyName).AddEndpointFilter<AdminKeyAudit>();
        audit.MapGet("/", EvidenceApi.GetAuditAsync);
        return app;
    }
}
