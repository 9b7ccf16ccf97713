using System.Net;
using IncidentBot.Dashboard;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace IncidentBot.IntegrationTests.Dashboard;

/// <summary>
/// The data-protection key ring is made by the first request that needs it, not at start-up (idle memory, issue 12):
/// the sign-in form's anti-forgery token, the sign-in cookie and the page it opens all work on a bot that never warmed it.
/// </summary>
public sealed class KeyRingOnFirstUseTests : SlackBotFixture
{
    protected override bool StartsBot => false;

    [Fact]
    public async Task The_first_sign_in_makes_the_key_ring_and_its_cookie_opens_the_dashboard()
    {
        await using var bot = new BotApplication(Slack, DatabasePath);
        using var started = bot.Start();
        using var client = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false, UseCookies = false }) { BaseAddress = started.BaseAddress };
        Assert.DoesNotContain(bot.Services.GetServices<IHostedService>(), s => s.GetType().FullName == KeyRingOnFirstUse.WarmUpTypeName);

        using var signedIn = await DashboardLoginForm.PostAsync(client, client, BotApplication.ApiKey, "/dashboard");
        Assert.Equal(HttpStatusCode.Redirect, signedIn.StatusCode);
        var cookie = DashboardLoginForm.Cookie(signedIn, DashboardLoginForm.SessionCookie);

        using var page = new HttpRequestMessage(HttpMethod.Get, new Uri("/dashboard", UriKind.Relative));
        page.Headers.Add("Cookie", cookie);
        using var dashboard = await client.SendAsync(page);
        Assert.Equal(HttpStatusCode.OK, dashboard.StatusCode);
    }
}
