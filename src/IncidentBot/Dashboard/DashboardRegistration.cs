using System.Runtime.CompilerServices;
using IncidentBot.Dialogs.Trends;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Authentication.OpenIdConnect;
using Microsoft.Extensions.Options;

namespace IncidentBot.Dashboard;

/// <summary>
/// <c>/dashboard</c>: Razor Pages rendered on the server (no script, no front-end build), behind a
/// sign-in cookie. With <c>Dashboard:Oidc:*</c> the sign-in is OpenID Connect; otherwise <c>/login</c>
/// takes a key from <c>Api:Keys</c>. Without a sign-in every page redirects to <c>/login</c> and shows nothing.
/// MVC is not registered here: it lives in the dashboard's own container, made with the pages on the first request
/// for one (<see cref="DashboardPageEndpoints"/>); authentication, authorization and the key ring stay the app's.
/// </summary>
public static class DashboardRegistration
{
    public const string AuthorizationPolicyName = "Dashboard";
    public const string CookieScheme = "DashboardCookie";
    public const string OidcScheme = "DashboardOidc";

    public static IServiceCollection AddDashboard(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddOptions<DashboardOptions>().BindConfiguration(DashboardOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<IValidateOptions<DashboardOptions>, DashboardOptionsValidator>();
        services.AddSingleton<DashboardKeys>();
        services.AddSingleton<DashboardPageEndpoints>();
        services.AddTransient<IStartupFilter, DashboardPageBuilding>();
        var authentication = services.AddAuthentication();
        authentication.AddCookie(CookieScheme, options =>
        {
            options.Cookie = new DashboardCookie();
            options.LoginPath = "/login";
            options.LogoutPath = "/logout";
            options.AccessDeniedPath = "/login";
            options.ReturnUrlParameter = "returnUrl";
            options.SlidingExpiration = true;
        });
        services.AddOptions<CookieAuthenticationOptions>(CookieScheme)
            .Configure<IOptions<DashboardOptions>>((cookie, dashboard) => cookie.ExpireTimeSpan = TimeSpan.FromMinutes(dashboard.Value.SessionMinutes));

        // Whether the scheme exists is decided at start-up; its settings come from the validated options.
        if (!string.IsNullOrWhiteSpace(configuration[$"{DashboardOptions.SectionName}:Oidc:Authority"]))
            AddOidcSignIn(services, authentication);

        services.AddAuthorizationBuilder()
            .AddPolicy(AuthorizationPolicyName, policy => policy.AddAuthenticationSchemes(CookieScheme).RequireAuthenticatedUser());
        SharedKeyRing.AddSharedKeyRing(services, configuration);
        KeyRingOnFirstUse.RemoveWarmUp(services);
        return services;
    }

    // Its own method, so the OpenID Connect assembly is loaded only when the sign-in is configured to use it.
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static void AddOidcSignIn(IServiceCollection services, AuthenticationBuilder authentication)
    {
        authentication.AddOpenIdConnect(OidcScheme, _ => { });
        services.AddOptions<OpenIdConnectOptions>(OidcScheme).Configure<IOptions<DashboardOptions>>((oidc, dashboard) =>
        {
            var settings = dashboard.Value.Oidc;
            oidc.Authority = settings.Authority;
            oidc.ClientId = settings.ClientId;
            oidc.ClientSecret = settings.ClientSecret;
            oidc.CallbackPath = settings.CallbackPath;
            oidc.ResponseType = "code";
            oidc.UsePkce = true;
            oidc.SaveTokens = false;
            oidc.SignInScheme = CookieScheme;
            oidc.MapInboundClaims = true;
            oidc.Scope.Clear();
            oidc.Scope.Add("openid");
            oidc.Scope.Add("profile");
        });
    }

    public static IEndpointRouteBuilder MapDashboard(this IEndpointRouteBuilder app)
    {
        // The pages' endpoints take this place in the route table, built on the first request for one of them.
        app.DataSources.Add(app.ServiceProvider.GetRequiredService<DashboardPageEndpoints>());
        app.MapGet("/dashboard/dashboard.css", () => TypedResults.Text(DashboardStyles.Css, "text/css; charset=utf-8")).AllowAnonymous();
        app.MapGet("/dashboard/charts/{name}.png", DashboardCharts.GetAsync).RequireAuthorization(AuthorizationPolicyName);
        app.MapGet("/dashboard/trends.csv", DashboardCharts.GetCsvAsync).RequireAuthorization(AuthorizationPolicyName);
        return app;
    }
}
