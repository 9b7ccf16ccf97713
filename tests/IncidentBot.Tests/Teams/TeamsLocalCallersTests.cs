using System.Net;
using IncidentBot.Teams.Inbound;
using Microsoft.AspNetCore.Http;

namespace IncidentBot.Tests.Teams;

public sealed class TeamsLocalCallersTests
{
    [Theory]
    [InlineData("127.0.0.1")]
    [InlineData("127.8.9.10")]
    [InlineData("::1")]
    [InlineData("::ffff:127.0.0.1")]
    public void A_loopback_peer_without_forwarding_headers_is_local(string address)
    {
        Assert.Null(TeamsLocalCallers.WhyNotLocal(Request(address)));
    }

    [Theory]
    [InlineData("198.18.0.7")]
    [InlineData("10.0.0.4")]
    [InlineData("::ffff:198.18.0.7")]
    [InlineData("fe80::1")]
    [InlineData(null)]
    public void Any_other_peer_or_an_unknown_one_is_not(string? address)
    {
        Assert.Contains("not loopback", TeamsLocalCallers.WhyNotLocal(Request(address)), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Forwarded")]
    [InlineData("X-Forwarded-For")]
    [InlineData("x-forwarded-host")]
    [InlineData("X-Forwarded-Prefix")]
    [InlineData("X-Real-IP")]
    [InlineData("X-Original-For")]
    [InlineData("True-Client-IP")]
    [InlineData("Via")]
    public void A_loopback_peer_that_relays_for_someone_else_is_not_local(string header)
    {
        var http = Request("127.0.0.1");
        http.Request.Headers[header] = "198.18.0.7";

        Assert.Contains("forwarding header", TeamsLocalCallers.WhyNotLocal(http), StringComparison.Ordinal);
    }

    private static DefaultHttpContext Request(string? remote)
    {
        var http = new DefaultHttpContext();
        http.Connection.RemoteIpAddress = remote is null ? null : IPAddress.Parse(remote);
        return http;
    }
}
