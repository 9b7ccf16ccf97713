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
