using IncidentBot.Teams;

namespace IncidentBot.Tests.Teams;

public sealed class TeamsServiceUrlsTests
{
    [Theory]
    [InlineData("http://127.0.0.1:3978/")]
    [InlineData("https://127.5.6.7/teams/")]
    [InlineData("http://[::1]:50000/")]
    [InlineData("http://localhost:9000/")]
    public void Loopback_addresses_are_loopback(string url) => Assert.True(TeamsServiceUrls.IsLoopback(url));

    [Theory]
    [InlineData("https://smba.trafficmanager.net/teams/")]
    [InlineData("http://127.0.0.1.example.com/")]
    [InlineData("http://localhost.example.com/")]
    [InlineData("http://10.0.0.8/")]
    [InlineData("ftp://127.0.0.1/")]
    [InlineData("/v3/conversations")]
    [InlineData("")]
    [InlineData(null)]
    public void Everything_else_is_not(string? url) => Assert.False(TeamsServiceUrls.IsLoopback(url));
}
