using IncidentBot.Teams;

namespace IncidentBot.Tests.Teams;

public sealed class TeamsOptionsValidatorTests
{
    private static readonly TeamsOptionsValidator Validator = new();

    [Fact]
    public void An_empty_section_leaves_Teams_off_and_valid()
    {
        Assert.True(Validator.Validate(null, new TeamsOptions()).Succeeded);
    }

    [Fact]
    public void An_app_id_needs_a_secret_and_a_tenant()
    {
        var result = Validator.Validate(null, new TeamsOptions { MicrosoftAppId = Guid.NewGuid().ToString(), IncidentsChannelId = "19:x@thread.tacv2" });

        Assert.True(result.Failed);
        Assert.Contains("MicrosoftAppPassword or Teams:CertificatePath", result.FailureMessage, StringComparison.Ordinal);
        Assert.Contains("Teams:TenantId", result.FailureMessage, StringComparison.Ordinal);
    }

    [Fact]
    public void Without_an_app_id_the_connector_must_be_local()
    {
        var result = Validator.Validate(null, new TeamsOptions { IncidentsChannelId = "19:x@thread.tacv2" });

        Assert.True(result.Failed);
        Assert.Contains("loopback", result.FailureMessage, StringComparison.Ordinal);
    }

    [Fact]
    public void Teams_on_without_a_tenant_is_refused()
    {
        var result = Validator.Validate(null, new TeamsOptions { IncidentsChannelId = "19:x@thread.tacv2", ServiceUrl = "http://127.0.0.1:5005/" });

        Assert.True(result.Failed);
        Assert.Contains("Teams:TenantId is required whenever Teams is on", result.FailureMessage, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("contoso.onmicrosoft.com")]
    [InlineData("5f0c3b8e2d414a7a9c550e1a7b2d9c10")]
    [InlineData("{5f0c3b8e-2d41-4a7a-9c55-0e1a7b2d9c10}")]
    [InlineData(" 5f0c3b8e-2d41-4a7a-9c55-0e1a7b2d9c10")]
    [InlineData("00000000-0000-0000-0000-0000000000002")]
    public void A_tenant_that_is_not_a_hyphenated_GUID_is_refused_without_echoing_it(string tenant)
    {
        var result = Validator.Validate(null, new TeamsOptions { IncidentsChannelId = "19:x@thread.tacv2", ServiceUrl = "http://127.0.0.1:5005/", TenantId = tenant });

        Assert.True(result.Failed);
        Assert.Contains("Teams:TenantId must be the tenant's id", result.FailureMessage, StringComparison.Ordinal);
        Assert.DoesNotContain(tenant.Trim(), result.FailureMessage, StringComparison.Ordinal);
    }

    [Fact]
    public void Without_an_app_id_the_Playground_default_tenant_is_accepted()
    {
        var result = Validator.Validate(null, new TeamsOptions
        {
            IncidentsChannelId = TeamsPlayground.GeneralChannelId,
            ServiceUrl = TeamsPlayground.ServiceUrl,
            TenantId = TeamsPlayground.DefaultTenantId,
        });

        Assert.True(result.Succeeded, result.FailureMessage);
    }

    [Fact]
    public void With_an_app_id_the_Playground_default_tenant_is_refused()
    {
        var result = Validator.Validate(null, new TeamsOptions
        {
            MicrosoftAppId = Guid.NewGuid().ToString(),
            MicrosoftAppPassword = "secret",
            TenantId = TeamsPlayground.DefaultTenantId,
            IncidentsChannelId = "19:x@thread.tacv2",
        });

        Assert.True(result.Failed);
        Assert.Contains("Teams:TenantId must be the tenant's id", result.FailureMessage, StringComparison.Ordinal);
    }

    [Fact]
    public void A_complete_production_section_is_valid()
    {
        var result = Validator.Validate(null, new TeamsOptions
        {
            MicrosoftAppId = Guid.NewGuid().ToString(),
            MicrosoftAppPassword = "secret",
            TenantId = Guid.NewGuid().ToString(),
            IncidentsChannelId = "19:x@thread.tacv2",
        });

        Assert.True(result.Succeeded);
    }
}
