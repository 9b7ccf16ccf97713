using System.Net;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace IncidentBot.IntegrationTests.Dashboard;

/// <summary>
/// The dashboard's pages are built by the first request for one of them, not at start-up (idle memory, issue 12):
/// the bot's own addresses leave them unbuilt, and the requests that build them are answered by them.
/// </summary>
public sealed class DashboardPageBuildingTests : SlackBotFixture
{
    protected override bool StartsBot => false;

    [Fact]
    public async Task The_first_requests_for_a_page_build_the_pages_and_are_answered_by_them()
    {
        await using var bot = new BotApplication(Slack, DatabasePath);
        using var started = bot.Start();
        using var client = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false }) { BaseAddress = started.BaseAddress };
        var endpoints = bot.Services.GetRequiredService<EndpointDataSource>();

        using (var health = await client.GetAsync(new Uri("/healthz", UriKind.Relative)))
            Assert.Equal(HttpStatusCode.OK, health.StatusCode);
        Assert.DoesNotContain(endpoints.Endpoints.OfType<RouteEndpoint>(), e => e.RoutePattern.RawText == "dashboard/oncall");

        // Several at once, none signed in: each goes where the page's sign-in rule sends it, none is a 404.
        var responses = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => client.GetAsync(new Uri("/dashboard/oncall", UriKind.Relative))));
        foreach (var response in responses)
        {
            using (response)
            {
                Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
                Assert.Equal("/login", new Uri(started.BaseAddress!, response.Headers.Location!).AbsolutePath);
            }
        }
        Assert.Contains(endpoints.Endpoints.OfType<RouteEndpoint>(), e => e.RoutePattern.RawText == "dashboard/oncall");
        using var login = await client.GetAsync(new Uri("/login", UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, login.StatusCode);
    }
}
