using System.Net;
using IncidentBot.IntegrationTests.Bot;
using IncidentBot.IntegrationTests.Dashboard;

namespace IncidentBot.IntegrationTests.Trends;

/// <summary>The dashboard's sign-in over plain HTTP: anti-forgery on the form, and the cookie's flags on and off loopback.</summary>
public sealed class DashboardSignInTests : SlackBotFixture
{
    // Each test starts its own bot, some as if reached from another address.
    protected override bool StartsBot => false;

    private BotApplication NewBot(IPAddress? remote = null) => new(Slack, DatabasePath, new BotHostOptions { RemoteAddress = remote });

    [Fact]
    public async Task A_sign_in_without_the_anti_forgery_token_is_refused()
    {
        await using var bot = NewBot();
        using var client = ClientOf(bot);

        using var response = await client.PostAsync("/login", new FormUrlEncodedContent(new Dictionary<string, string> { ["key"] = BotApplication.ApiKey }));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.False(response.Headers.Contains("Set-Cookie") && response.Headers.GetValues("Set-Cookie").Any(c => c.StartsWith("incidentbot.dashboard", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task On_loopback_the_cookie_is_http_only_and_strict_without_secure()
    {
        await using var bot = NewBot();
        using var client = ClientOf(bot);

        var cookie = await SignInAsync(client);

        Assert.Contains("httponly", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("samesite=strict", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("secure", cookie.Replace("incidentbot.dashboard", "", StringComparison.Ordinal), StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task From_another_machine_the_cookie_is_also_secure()
    {
        await using var bot = NewBot(IPAddress.Parse("203.0.113.7"));
        using var client = ClientOf(bot);

        var cookie = await SignInAsync(client);

        Assert.Contains("; secure", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("httponly", cookie, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task A_return_address_off_this_site_is_not_followed()
    {
        await using var bot = NewBot();
        using var client = ClientOf(bot);

        var location = (await PostLoginAsync(client, "https://evil.example/steal")).Headers.Location;

        Assert.Equal("/dashboard", location?.OriginalString);
    }

    /// <summary>A client that shows redirects and cookies as they come, instead of following and keeping them.</summary>
    private static HttpClient ClientOf(BotApplication bot)
    {
        using var started = bot.Start();
#pragma warning disable CA2000 // the client owns its handler
        return new HttpClient(new HttpClientHandler { AllowAutoRedirect = false, UseCookies = false }) { BaseAddress = started.BaseAddress };
#pragma warning restore CA2000
    }

    private static async Task<string> SignInAsync(HttpClient client)
    {
        using var response = await PostLoginAsync(client, "/dashboard");
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        return DashboardLoginForm.SetCookie(response, DashboardLoginForm.SessionCookie);
    }

    private static Task<HttpResponseMessage> PostLoginAsync(HttpClient client, string returnUrl) =>
        DashboardLoginForm.PostAsync(client, client, BotApplication.ApiKey, returnUrl);
}
