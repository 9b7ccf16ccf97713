using System.Net;
using IncidentBot.Dashboard;
using IncidentBot.IntegrationTests.Dashboard;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.Logging;
using StackExchange.Redis;

namespace IncidentBot.IntegrationTests.Instances;

/// <summary>
/// Behind a load balancer the dashboard's requests reach either instance: the sign-in form from one, its post to the
/// other, the page from the first again. Each instance reads the other's anti-forgery and sign-in cookies because the
/// key ring is kept in the shared Redis, not in each instance.
/// </summary>
public sealed class SharedKeyRingTests : IAsyncLifetime
{
    private const string ApiKey = "shared-key-ring-api-key";
    private SeveralInstances _shared = null!;

    public async Task InitializeAsync() => _shared = await SeveralInstances.StartAsync();

    public async Task DisposeAsync() => await _shared.DisposeAsync();

    [Fact]
    public async Task A_sign_in_on_one_instance_opens_the_dashboard_on_the_other()
    {
        var onCall = _shared.WriteOnCallFile("10m");
        await using var first = InProcess("a", onCall);
        await using var second = InProcess("b", onCall);
        var options = new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = false };
        using var a = first.CreateClient(options);
        using var b = second.CreateClient(options);

        // The form (and its anti-forgery cookie) from one instance, the post to the other.
        using var signedIn = await DashboardLoginForm.PostAsync(a, b, ApiKey, "/dashboard");
        Assert.Equal(HttpStatusCode.Redirect, signedIn.StatusCode);
        Assert.Equal("/dashboard", signedIn.Headers.Location?.OriginalString);
        var session = DashboardLoginForm.Cookie(signedIn, DashboardLoginForm.SessionCookie);

        foreach (var client in new[] { a, b })
        {
            using var page = new HttpRequestMessage(HttpMethod.Get, new Uri("/dashboard", UriKind.Relative));
            page.Headers.Add("Cookie", session);
            using var dashboard = await client.SendAsync(page);
            Assert.Equal(HttpStatusCode.OK, dashboard.StatusCode);
        }

        // One key, in Redis under the job storage's prefix: both instances found it there, none made its own.
        await using var redis = await ConnectionMultiplexer.ConnectAsync(_shared.Redis.ConnectionString);
        var keys = await redis.GetDatabase().ListRangeAsync("incidentbot:hangfire:" + SharedKeyRing.KeySuffix);
        Assert.Single(keys);
        Assert.Contains("<key ", keys[0].ToString(), StringComparison.Ordinal);
    }

    private WebApplicationFactory<Program> InProcess(string name, string onCall) =>
        new WebApplicationFactory<Program>().WithWebHostBuilder(web =>
        {
            foreach (var (key, value) in _shared.Settings(name, onCall))
                web.UseSetting(key, value);
            web.UseSetting("Api:Keys:0", ApiKey);
            web.ConfigureLogging(logging => logging.ClearProviders().SetMinimumLevel(LogLevel.Warning));
        });
}
