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
        app.MapIncidents();
        app.MapSetAsideWork();
        return app;
    }
}
