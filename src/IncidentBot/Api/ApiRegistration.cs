using IncidentBot.Evidence;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;

namespace IncidentBot.Api;

public static class ApiRegistration
{
    /// <summary>Any API key: scope <c>read</c>, which every key has.</summary>
    public const string AuthorizationPolicyName = "IncidentApi";

    /// <summary>Keys with the <c>admin</c> scope (the audit log).</summary>
    public const string AdminAuthorizationPolicyName = "IncidentApiAdmin";

    public static IServiceCollection AddIncidentsApi(this IServiceCollection services)
    {
        services.AddOptions<ApiOptions>().BindConfiguration(ApiOptions.SectionName).ValidateOnStart();
        services.AddSingleton<IValidateOptions<ApiOptions>, ApiOptionsValidation>();
        services.AddAuthentication()
            .AddScheme<AuthenticationSchemeOptions, ApiKeyAuthenticationHandler>(ApiKeyAuthenticationHandler.SchemeName, null);
        services.AddAuthorizationBuilder()
            .AddPolicy(AuthorizationPolicyName, policy => policy.AddAuthenticationSchemes(ApiKeyAuthenticationHandler.SchemeName)
                .RequireAuthenticatedUser().RequireClaim(ApiScopes.ClaimType, ApiScopes.Read))
            .AddPolicy(AdminAuthorizationPolicyName, policy => policy.AddAuthenticationSchemes(ApiKeyAuthenticationHandler.SchemeName)
                .RequireAuthenticatedUser().RequireClaim(ApiScopes.ClaimType, ApiScopes.Admin));
        services.AddSingleton<AuditTrail>();
        return services;
    }

    /// <summary>The incidents API and the set-aside work an operator retries, both behind an API key.</summary>
    public static IEndpointRouteBuilder MapIncidentsApi(this IEndpointRouteBuilder app)
    {
        var incidents = app.MapGroup("/api/incidents").WithTags("Incidents").RequireAuthorization(AuthorizationPolicyName)
            .AddEndpointFilter<AdminKeyAudit>();
        incidents.MapGet("/", IncidentsApi.ListAsync);
        incidents.MapGet("/{number:int}", IncidentsApi.GetAsync);
        incidents.MapGet("/{number:int}/postmortem.md", PostMortemApi.GetDraftAsync);
        incidents.MapGet("/{number:int}/reports", Intake.ReportsApi.ListAsync);
        incidents.MapGet("/{number:int}/reports/{reportId}/attachments/{index:int}", Intake.ReportsApi.GetAttachmentAsync);
        var work = app.MapGroup("/api/work").WithTags("Work").RequireAuthorization(AuthorizationPolicyName)
            .AddEndpointFilter<AdminKeyAudit>();
        work.MapGet("/", WorkApi.ListSetAsideAsync);
        work.MapPost("/{id}/retry", WorkApi.RetryAsync);
        return app;
    }
}
