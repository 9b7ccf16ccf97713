using System.Text.Json.Nodes;
using IncidentBot.Slack.WebApi;
using Microsoft.Extensions.Logging;

namespace IncidentBot.IntegrationTests.Slack.WebApi;

public sealed class SlackResponseUrlClientTests
{
    [Fact]
    public async Task Posts_the_message_as_json_to_a_loopback_response_url_without_the_token()
    {
        await using var harness = await SlackWebApiHarness.StartAsync();
        var message = new SlackResponseUrlMessage("INC-7 declared")
        {
            Blocks = new JsonArray(new JsonObject { ["type"] = "divider" }),
            ResponseType = SlackResponseType.InChannel,
            ReplaceOriginal = true,
        };

        var sent = await harness.Get<SlackResponseUrlClient>().SendAsync(harness.Slack.ResponseUrlFor("cmd-1"), message, harness.Token);

        Assert.True(sent);
        var post = await harness.Slack.WaitForResponseUrlPostAsync("cmd-1");
        Assert.Equal("application/json; charset=utf-8", post.ContentType);
        Assert.Equal("INC-7 declared", post.Json?["text"]?.GetValue<string>());
        Assert.Equal("in_channel", post.Json?["response_type"]?.GetValue<string>());
        Assert.True(post.Json?["replace_original"]?.GetValue<bool>());
        Assert.Equal("""[{"type":"divider"}]""", post.Json?["blocks"]?.ToJsonString());
        Assert.False(post.Headers.ContainsKey("Authorization"));
    }

    [Fact]
    public async Task Answers_ephemerally_unless_told_otherwise()
    {
        await using var harness = await SlackWebApiHarness.StartAsync();

        await harness.Get<SlackResponseUrlClient>().SendAsync(harness.Slack.ResponseUrlFor("cmd-2"), new("Unknown command"), harness.Token);

        var post = await harness.Slack.WaitForResponseUrlPostAsync("cmd-2");
        Assert.Equal("ephemeral", post.Json?["response_type"]?.GetValue<string>());
        Assert.False(post.Json?["replace_original"]?.GetValue<bool>());
    }

    [Fact]
    public async Task Reports_false_when_the_response_url_has_expired()
    {
        await using var harness = await SlackWebApiHarness.StartAsync();
        harness.Slack.RejectResponseUrl("cmd-3");

        var sent = await harness.Get<SlackResponseUrlClient>().SendAsync(harness.Slack.ResponseUrlFor("cmd-3"), new("Too late"), harness.Token);

        Assert.False(sent);
    }

    [Theory]
    [InlineData("http://hooks.slack.com/commands/T0TESTTEAM/1/abc")]
    [InlineData("https://hooks.slack.com.attacker.example/commands/T0TESTTEAM/1/abc")]
    [InlineData("https://attacker.example/hooks.slack.com/commands")]
    [InlineData("https://hooks.slack.com@attacker.example/commands")]
    [InlineData("https://10.1.2.3/commands")]
    [InlineData("not a url")]
    public async Task Refuses_a_response_url_outside_hooks_slack_com_with_a_log_line(string responseUrl)
    {
        await using var harness = await SlackWebApiHarness.StartAsync();

        var sent = await harness.Get<SlackResponseUrlClient>().SendAsync(responseUrl, new("INC-7 declared"), harness.Token);

        Assert.False(sent);
        Assert.Contains(harness.Logs.Logs, l => l.Level == LogLevel.Warning && l.Message.StartsWith("Refused to post to a response_url", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Refuses_a_loopback_response_url_unless_loopback_targets_are_allowed_for_development()
    {
        await using var harness = await SlackWebApiHarness.StartAsync(options => options.AllowLoopbackTargets = false);

        var sent = await harness.Get<SlackResponseUrlClient>().SendAsync(harness.Slack.ResponseUrlFor("cmd-4"), new("INC-7 declared"), harness.Token);

        Assert.False(sent);
        Assert.Empty(harness.Slack.ResponseUrlPosts);
        Assert.Contains(harness.Logs.Logs, l => l.Level == LogLevel.Warning && l.Message.StartsWith("Refused to post to a response_url on host 127.0.0.1", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("https://hooks.slack.com/commands/T0TESTTEAM/1/abc", false, true)]
    [InlineData("https://HOOKS.SLACK.COM/actions/T0TESTTEAM/1/abc", false, true)]
    [InlineData("http://127.0.0.1:5005/response/1", true, true)]
    [InlineData("http://localhost/response/1", true, true)]
    [InlineData("http://[::1]:5005/response/1", true, true)]
    [InlineData("http://127.0.0.1:5005/response/1", false, false)]
    [InlineData("http://localhost/response/1", false, false)]
    [InlineData("http://[::1]:5005/response/1", false, false)]
    [InlineData("http://hooks.slack.com/commands/T0TESTTEAM/1/abc", true, false)]
    [InlineData("https://user@hooks.slack.com/commands/T0TESTTEAM/1/abc", true, false)]
    [InlineData("https://slack.com/api/chat.postMessage", true, false)]
    public void Allows_only_https_on_hooks_slack_com_or_loopback_when_allowed(string responseUrl, bool allowLoopback, bool allowed) =>
        Assert.Equal(allowed, SlackResponseUrlClient.IsAllowed(new Uri(responseUrl), allowLoopback));
}
