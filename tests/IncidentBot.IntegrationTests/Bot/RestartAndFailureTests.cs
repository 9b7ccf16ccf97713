using IncidentBot.Dialogs.Incidents;

namespace IncidentBot.IntegrationTests.Bot;

/// <summary>Nothing is lost when Slack fails or the bot restarts, and nothing is done twice.</summary>
public sealed class RestartAndFailureTests : SlackBotFixture
{
    // Each test scripts the stand-in before its bot starts, and some start two in turn.
    protected override bool StartsBot => false;

    [Fact]
    public async Task An_incident_declared_before_a_restart_gets_its_channel_after_it()
    {
        Slack.FailAlways("conversations.create", "ratelimited_by_workspace_policy");
        await using (var before = new BotApplication(Slack, DatabasePath))
        {
            using var client = before.Start();
            await client.SendAsync(SlackRequests.Command("declare sev1 Declared just before a restart", before.Clock));
            await before.WaitForSlackAsync("conversations.create");
        }
        Slack.StopFailing("conversations.create");
        var createsBefore = Slack.CallsTo("conversations.create").Count;

        await using var after = new BotApplication(Slack, DatabasePath);
        using var _ = after.Start();

        await after.WaitForSlackAsync("pins.add");
        var incident = (await after.Incidents.FindAsync(new WorkspaceId(SlackRequests.Team), new IncidentNumber(1), default))!.Value;
        Assert.NotNull(incident.Channel);
        Assert.Equal(createsBefore + 1, Slack.CallsTo("conversations.create").Count);
        Assert.Contains(after.Logs.Logs, l => l.Message.StartsWith("Reconciled ", StringComparison.Ordinal) && !l.Message.StartsWith("Reconciled 0 ", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_rate_limited_channel_creation_waits_for_Retry_After_and_then_succeeds_once()
    {
        Slack.RateLimitNext("conversations.create", calls: 1, retryAfterSeconds: 1);
        await using var bot = new BotApplication(Slack, DatabasePath);
        using var client = bot.Start();

        await client.SendAsync(SlackRequests.Command("declare sev2 Rate limited during a storm", bot.Clock));

        await bot.WaitForSlackAsync("pins.add");
        Assert.Equal(2, Slack.CallsTo("conversations.create").Count);
        Assert.Single(Slack.CallsTo("pins.add"));
    }

    [Fact]
    public async Task A_failed_summary_post_is_retried_without_a_second_channel()
    {
        Slack.FailNext("chat.postMessage", "internal_error");
        await using var bot = new BotApplication(Slack, DatabasePath);
        using var client = bot.Start();

        await client.SendAsync(SlackRequests.Command("declare sev2 Summary post fails once", bot.Clock));
        await bot.WaitForSlackAsync("chat.postMessage");
        await bot.RunDueWorkAsync();

        await bot.WaitForSlackAsync("pins.add");
        Assert.Single(Slack.CallsTo("conversations.create"));
        var incident = (await bot.Incidents.FindAsync(new WorkspaceId(SlackRequests.Team), new IncidentNumber(1), default))!.Value;
        Assert.NotNull(incident.Channel);
    }

    [Fact]
    public async Task A_channel_name_already_taken_gets_a_suffix()
    {
        Slack.TakeChannelNames("inc-1-name-clash");
        await using var bot = new BotApplication(Slack, DatabasePath);
        using var client = bot.Start();

        await client.SendAsync(SlackRequests.Command("declare sev3 Name clash", bot.Clock));

        await bot.WaitForSlackAsync("conversations.create", c => c.Arg("name") == "inc-1-name-clash-2");
        await bot.WaitForSlackAsync("pins.add");
    }
}
