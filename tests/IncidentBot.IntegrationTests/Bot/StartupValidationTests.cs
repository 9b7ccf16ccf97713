using Microsoft.Extensions.Options;

namespace IncidentBot.IntegrationTests.Bot;

/// <summary>Settings that would open a hole stop the bot at start-up, saying which key, never quoting its value.</summary>
public sealed class StartupValidationTests : SlackBotFixture
{
    // Each test starts a bot whose start must fail.
    protected override bool StartsBot => false;

    [Fact]
    public async Task A_loopback_Slack_api_address_is_refused_unless_loopback_targets_are_allowed()
    {
        await using var bot = new BotApplication(Slack, DatabasePath, settings: new Dictionary<string, string?> { ["Slack:AllowLoopbackTargets"] = "false" });

        var failure = FindValidationFailure(Record.Exception(() => bot.Start()));

        Assert.Contains("Slack:ApiBaseUrl points at this machine", failure.Message, StringComparison.Ordinal);
        Assert.Contains("Slack:AllowLoopbackTargets", failure.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(Slack.ApiBaseUrl, failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_Slack_api_address_without_https_is_refused()
    {
        await using var bot = new BotApplication(Slack, DatabasePath, settings: new Dictionary<string, string?> { ["Slack:ApiBaseUrl"] = "http://slack.example.org/api/" });

        var failure = FindValidationFailure(Record.Exception(() => bot.Start()));

        Assert.Contains("Slack:ApiBaseUrl must be an https:// address", failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_bot_token_given_as_the_Socket_Mode_app_token_is_refused_without_quoting_it()
    {
        await using var bot = new BotApplication(Slack, DatabasePath, settings: new Dictionary<string, string?> { ["Slack:AppToken"] = "xoxb-not-an-app-token" });

        var failure = FindValidationFailure(Record.Exception(() => bot.Start()));

        Assert.Contains("Slack:AppToken must be an app-level token", failure.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("xoxb-not-an-app-token", failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_on_call_admin_entry_that_is_no_known_kind_is_refused_by_position()
    {
        await using var bot = new BotApplication(Slack, DatabasePath, settings: new Dictionary<string, string?>
        {
            ["OnCall:Admins:0"] = "lead@example.com",
            ["OnCall:Admins:1"] = "incident managers",
        });

        var failure = FindValidationFailure(Record.Exception(() => bot.Start()));

        Assert.Contains("OnCall:Admins:1 is neither an e-mail address", failure.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("incident managers", failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_scoped_api_key_with_an_unknown_scope_or_a_reused_secret_is_refused_by_name_without_its_secret()
    {
        await using var bot = new BotApplication(Slack, DatabasePath, settings: new Dictionary<string, string?>
        {
            ["Api:ScopedKeys:legal:Key"] = "legal-secret-0123456789",
            ["Api:ScopedKeys:legal:Scopes"] = "read, evidnece",
            ["Api:ScopedKeys:copy:Key"] = BotApplication.ApiKey,
            ["Api:ScopedKeys:copy:Scopes"] = "admin",
        });

        var failure = FindValidationFailure(Record.Exception(() => bot.Start()));

        Assert.Contains("Api:ScopedKeys:legal:Scopes has unknown scopes evidnece", failure.Message, StringComparison.Ordinal);
        Assert.Contains("Api:ScopedKeys:copy:Key is the same secret as another key", failure.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("legal-secret", failure.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(BotApplication.ApiKey, failure.Message, StringComparison.Ordinal);
    }

    private static OptionsValidationException FindValidationFailure(Exception? thrown)
    {
        for (var e = thrown; e is not null; e = e.InnerException)
        {
            if (e is OptionsValidationException validation)
                return validation;
            if (e is AggregateException { InnerExceptions: [var only] })
                return FindValidationFailure(only);
        }
        throw new Xunit.Sdk.XunitException($"Expected the start to fail with an OptionsValidationException, got {thrown?.GetType().Name ?? "no exception"}: {thrown?.Message}");
    }
}
