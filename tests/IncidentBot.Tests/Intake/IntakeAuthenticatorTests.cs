using IncidentBot.Dialogs.Incidents;
using IncidentBot.Intake;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace IncidentBot.Tests.Intake;

/// <summary>The key decides the source; the keys' digests are taken once per options value, and a reload brings the new keys.</summary>
public sealed class IntakeAuthenticatorTests : IDisposable
{
    private const string PartnerKey = "partner-key-0123456789";
    private const string TrendingKey = "trending-key-0123456789";

    private readonly IConfigurationRoot _configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
    {
        ["Intake:Sources:partner:Key"] = PartnerKey,
        ["Intake:Sources:trending:Key"] = TrendingKey,
        ["Intake:Sources:trending:SigningSecret"] = "trending-secret",
        ["Intake:Sources:nobody-we-know:Key"] = "unknown-source-key-0123",
        ["Intake:Sources:regulator:Key"] = "",
    }).Build();

    private readonly ServiceProvider _services;
    private readonly IntakeAuthenticator _authenticator;

    public IntakeAuthenticatorTests()
    {
        _services = new ServiceCollection()
            .Configure<IntakeOptions>(_configuration.GetSection(IntakeOptions.SectionName))
            .BuildServiceProvider();
        _authenticator = new IntakeAuthenticator(_services.GetRequiredService<IOptionsMonitor<IntakeOptions>>(), TimeProvider.System);
    }

    [Fact]
    public void Each_key_names_its_own_source_and_again_on_later_requests()
    {
        for (var i = 0; i < 2; i++)
        {
            Assert.Equal(new IntakeCaller(IncidentSource.Partner, "partner", null), _authenticator.Identify(Request("Bearer " + PartnerKey)));
            Assert.Equal(new IntakeCaller(IncidentSource.Trending, "trending", "trending-secret"), _authenticator.Identify(Request("bearer  " + TrendingKey + " ")));
        }
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("Basic " + PartnerKey)]
    [InlineData("Bearer ")]
    [InlineData("Bearer partner-key-0123456788")] // the same length, the last character wrong
    [InlineData("Bearer partner-key-012345678")]
    [InlineData("Bearer " + PartnerKey + "0")]
    [InlineData("Bearer unknown-source-key-0123")] // configured, but under a name that is no source
    public void A_missing_wrong_or_unusable_key_names_nobody(string? authorization) =>
        Assert.Null(_authenticator.Identify(Request(authorization)));

    [Fact]
    public void A_reloaded_key_replaces_the_old_one_at_once()
    {
        Assert.NotNull(_authenticator.Identify(Request("Bearer " + PartnerKey)));

        _configuration["Intake:Sources:partner:Key"] = "partner-key-rotated-0123";
        _configuration["Intake:Sources:regulator:Key"] = "regulator-key-0123456789";
        _configuration.Reload();

        Assert.Null(_authenticator.Identify(Request("Bearer " + PartnerKey)));
        Assert.Equal(IncidentSource.Partner, _authenticator.Identify(Request("Bearer partner-key-rotated-0123"))?.Source);
        Assert.Equal(IncidentSource.Regulator, _authenticator.Identify(Request("Bearer regulator-key-0123456789"))?.Source);
        Assert.Equal(IncidentSource.Trending, _authenticator.Identify(Request("Bearer " + TrendingKey))?.Source);
    }

    public void Dispose() => _services.Dispose();

    private static HttpRequest Request(string? authorization)
    {
        var context = new DefaultHttpContext();
        if (authorization is not null)
            context.Request.Headers.Authorization = authorization;
        return context.Request;
    }
}
