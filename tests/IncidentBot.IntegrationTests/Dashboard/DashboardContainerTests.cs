using System.Net;
using IncidentBot.Dashboard;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Authentication.OpenIdConnect;
using Microsoft.AspNetCore.Mvc.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.IdentityModel.Protocols.OpenIdConnect;

namespace IncidentBot.IntegrationTests.Dashboard;

/// <summary>
/// MVC is registered in a container of the dashboard's own, built with the pages on the first request for one (idle
/// memory, issue 12): the app's container holds none of it, and a page reaches what stays the app's — its options and
/// the sign-in schemes — through its request services.
/// </summary>
public sealed class DashboardContainerTests : SlackBotFixture
{
    private const string Provider = "https://login.example.test/tenant/oauth2/v2.0/authorize";

    protected override bool StartsBot => false;

    [Fact]
    public async Task The_app_container_holds_no_MVC_before_or_after_the_pages_are_served()
    {
        await using var bot = new BotApplication(Slack, DatabasePath);
        using var client = ClientOf(bot);
        var app = bot.Services.GetRequiredService<IServiceProviderIsService>();
        Assert.False(app.IsService(typeof(IActionDescriptorCollectionProvider)));
        Assert.False(app.IsService(typeof(IAntiforgery)));

        using var login = await client.GetAsync(new Uri("/login", UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, login.StatusCode);
        Assert.Contains("__RequestVerificationToken", await login.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.False(app.IsService(typeof(IActionDescriptorCollectionProvider)));
        Assert.False(app.IsService(typeof(IAntiforgery)));
    }

    [Fact]
    public async Task With_OpenID_Connect_the_sign_in_page_sends_the_browser_to_the_provider_with_the_apps_settings()
    {
        await using var bot = new BotApplication(Slack, DatabasePath, new BotHostOptions
        {
            Settings = new Dictionary<string, string?>
            {
                ["Dashboard:Oidc:Authority"] = "https://login.example.test/tenant/v2.0",
                ["Dashboard:Oidc:ClientId"] = "dashboard-client",
                ["Dashboard:Oidc:ClientSecret"] = "dashboard-secret",
            },
            // The provider's document as if fetched, so the challenge needs no provider on the network.
            Services = services => services.Configure<OpenIdConnectOptions>(
                DashboardRegistration.OidcScheme, oidc => oidc.Configuration = new OpenIdConnectConfiguration { AuthorizationEndpoint = Provider }),
        });
        using var client = ClientOf(bot);

        using var login = await client.GetAsync(new Uri("/login?returnUrl=%2Fdashboard%2Ftrends", UriKind.Relative));

        Assert.Equal(HttpStatusCode.Redirect, login.StatusCode);
        var location = login.Headers.Location!.AbsoluteUri;
        Assert.StartsWith(Provider + "?", location, StringComparison.Ordinal);
        Assert.Contains("client_id=dashboard-client", location, StringComparison.Ordinal);
        Assert.Contains("redirect_uri=" + Uri.EscapeDataString(new Uri(client.BaseAddress!, "/signin-oidc").AbsoluteUri), location, StringComparison.Ordinal);
        Assert.Contains("code_challenge_method=S256", location, StringComparison.Ordinal);
        var cookies = login.Headers.GetValues("Set-Cookie").ToList();
        Assert.Contains(cookies, c => c.StartsWith(".AspNetCore.OpenIdConnect.Nonce.", StringComparison.Ordinal));
        Assert.Contains(cookies, c => c.StartsWith(".AspNetCore.Correlation.", StringComparison.Ordinal));
    }

    /// <summary>A client that shows redirects and cookies as they come, instead of following and keeping them.</summary>
    private static HttpClient ClientOf(BotApplication bot)
    {
        using var started = bot.Start();
#pragma warning disable CA2000 // the client owns its handler
        return new HttpClient(new HttpClientHandler { AllowAutoRedirect = false, UseCookies = false }) { BaseAddress = started.BaseAddress };
#pragma warning restore CA2000
    }
}
