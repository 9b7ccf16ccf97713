using System.Net;
using IncidentBot.Testing.Golden;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace IncidentBot.IntegrationTests.Bot;

/// <summary>
/// The bot's endpoints in the order Program.cs maps them: moving a feature's registration must not change a
/// route, its methods, who may call it or the handler that answers it (the golden file says all four).
/// </summary>
public sealed class RouteTableTests(BotFixture fixture) : IClassFixture<BotFixture>
{
    [Fact]
    public async Task Every_endpoint_keeps_its_route_methods_access_and_handler_in_order()
    {
        var source = fixture.Bot.Services.GetRequiredService<EndpointDataSource>();
        // The dashboard's pages are built by the first request for one of them, in their place in the table.
        Assert.DoesNotContain(source.Endpoints.OfType<RouteEndpoint>(), e => e.RoutePattern.RawText == "login");
        using (var login = await fixture.Client.GetAsync(new Uri("/login", UriKind.Relative)))
            Assert.Equal(HttpStatusCode.OK, login.StatusCode);

        var endpoints = source.Endpoints.OfType<RouteEndpoint>().ToList();

        Assert.NotEmpty(endpoints);
        GoldenFile.AssertMatches("routes.txt", string.Concat(endpoints.Select(e => Describe(e) + "\n")));
    }

    private static string Describe(RouteEndpoint endpoint)
    {
        var metadata = endpoint.Metadata;
        var methods = metadata.GetMetadata<IHttpMethodMetadata>()?.HttpMethods is { Count: > 0 } verbs ? string.Join(',', verbs) : "*";
        var policies = metadata.GetOrderedMetadata<IAuthorizeData>().Select(a => a.Policy ?? "(signed in)").ToList();
        var access = metadata.GetMetadata<IAllowAnonymous>() is not null ? "anonymous"
            : policies.Count > 0 ? "policy " + string.Join('+', policies) : "open";
        var tags = string.Join(',', metadata.GetOrderedMetadata<ITagsMetadata>().SelectMany(t => t.Tags));
        var antiforgery = metadata.GetMetadata<IAntiforgeryMetadata>() is { RequiresValidation: false } ? " no-antiforgery" : "";
        return $"{methods} {endpoint.RoutePattern.RawText} order={endpoint.Order} {access} tags=[{tags}]{antiforgery} => {endpoint.DisplayName}";
    }
}
