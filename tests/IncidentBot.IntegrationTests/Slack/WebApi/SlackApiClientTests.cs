using Polly.CircuitBreaker;
using System.Net;
using System.Text.Json.Nodes;
using IncidentBot.Slack.WebApi;

namespace IncidentBot.IntegrationTests.Slack.WebApi;

/// <summary>The transport every method family shares, against the fake over real HTTP.</summary>
public sealed class SlackApiClientTests
{
    private const string Channel = "C0INCIDENT";

    [Fact]
    public async Task Sends_the_bot_token_as_a_bearer_header()
    {
        await using var harness = await SlackWebApiHarness.StartAsync();

        await harness.Get<SlackChatApi>().PostMessageAsync(new(Channel, "Status update"), harness.Token);

        var call = Assert.Single(harness.Slack.CallsTo("chat.postMessage"));
        Assert.Equal("Bearer " + FakeSlackServer.DefaultBotToken, call.Authorization);
    }

    [Fact]
    public async Task Sends_write_methods_as_utf8_json()
    {
        await using var harness = await SlackWebApiHarness.StartAsync();

        await harness.Get<SlackChatApi>().PostMessageAsync(new(Channel, "Status update"), harness.Token);

        var call = Assert.Single(harness.Slack.CallsTo("chat.postMessage"));
        Assert.Equal("application/json; charset=utf-8", call.ContentType);
        Assert.Equal(Channel, call.Json?["channel"]?.GetValue<string>());
        Assert.Equal("Status update", call.Json?["text"]?.GetValue<string>());
    }

    [Fact]
    public async Task Sends_read_methods_as_form_fields()
    {
        await using var harness = await SlackWebApiHarness.StartAsync();

        await harness.Get<SlackUsersApi>().InfoAsync("U0RESPONDER", harness.Token);

        var call = Assert.Single(harness.Slack.CallsTo("users.info"));
        Assert.Equal("application/x-www-form-urlencoded", call.ContentType);
        Assert.Null(call.Json);
        Assert.Equal("U0RESPONDER", call.Form["user"]);
    }

    [Fact]
    public async Task Throws_SlackApiException_with_Slacks_error_code_when_ok_is_false()
    {
        await using var harness = await SlackWebApiHarness.StartAsync();
        harness.Slack.FailNext("chat.postMessage", "channel_not_found");

        var error = await Assert.ThrowsAsync<SlackApiException>(
            () => harness.Get<SlackChatApi>().PostMessageAsync(new(Channel, "Status update"), harness.Token));

        Assert.Equal("channel_not_found", error.Error);
        Assert.Equal("chat.postMessage", error.Method);
    }

    [Fact]
    public async Task Carries_needed_and_provided_scopes_when_a_scope_is_missing()
    {
        await using var harness = await SlackWebApiHarness.StartAsync();
        harness.Slack.ReplyNext("users.lookupByEmail", new JsonObject
        {
            ["ok"] = false,
            ["error"] = "missing_scope",
            ["needed"] = "users:read.email",
            ["provided"] = "chat:write,channels:manage,users:read",
        });

        var error = await Assert.ThrowsAsync<SlackApiException>(
            () => harness.Get<SlackUsersApi>().LookupByEmailAsync("oncall@example.org", harness.Token));

        Assert.Equal("missing_scope", error.Error);
        Assert.Equal("users:read.email", error.Needed);
        Assert.Equal("chat:write,channels:manage,users:read", error.Provided);
    }

    [Fact]
    public async Task Carries_Slacks_validation_messages_on_invalid_arguments()
    {
        await using var harness = await SlackWebApiHarness.StartAsync();

        var error = await Assert.ThrowsAsync<SlackApiException>(
            () => harness.Get<SlackViewsApi>().OpenAsync("", new JsonObject { ["type"] = "modal" }, harness.Token));

        Assert.Equal("invalid_arguments", error.Error);
        Assert.Equal(["[ERROR] invalid `trigger_id`"], error.ResponseMessages);
    }

    [Fact]
    public async Task Retries_after_the_Retry_After_delay_when_Slack_answers_429()
    {
        await using var harness = await SlackWebApiHarness.StartAsync();
        harness.Slack.RateLimitNext("chat.postMessage", calls: 1, retryAfterSeconds: 3);

        var posting = harness.Get<SlackChatApi>().PostMessageAsync(new(Channel, "Status update"), harness.Token);
        await harness.Clock.WaitForTimerAsync(TimeSpan.FromSeconds(3));
        harness.Clock.Advance(TimeSpan.FromSeconds(3) - TimeSpan.FromMilliseconds(1));
        var callsBeforeTheDelay = harness.Slack.CallsTo("chat.postMessage").Count;
        harness.Clock.Advance(TimeSpan.FromMilliseconds(1));
        var posted = await posting;

        Assert.Equal(1, callsBeforeTheDelay);
        Assert.Equal(2, harness.Slack.CallsTo("chat.postMessage").Count);
        Assert.Equal(Channel, posted.Channel);
    }

    [Fact]
    public async Task Throws_SlackRateLimitedException_when_Slack_still_answers_429_after_the_last_retry()
    {
        await using var harness = await SlackWebApiHarness.StartAsync(o => o.MaxRateLimitRetries = 2);
        harness.Slack.RateLimitNext("chat.update", calls: 3, retryAfterSeconds: 2);

        var updating = harness.Get<SlackChatApi>().UpdateAsync(new(Channel, "1732540000.000100", "Resolved"), harness.Token);
        await harness.Clock.WaitForTimerAsync(TimeSpan.FromSeconds(2), count: 1);
        harness.Clock.Advance(TimeSpan.FromSeconds(2));
        await harness.Clock.WaitForTimerAsync(TimeSpan.FromSeconds(2), count: 2);
        harness.Clock.Advance(TimeSpan.FromSeconds(2));
        var error = await Assert.ThrowsAsync<SlackRateLimitedException>(() => updating);

        Assert.Equal(3, harness.Slack.CallsTo("chat.update").Count);
        Assert.Equal(3, error.Attempts);
        Assert.Equal(TimeSpan.FromSeconds(2), error.RetryAfter);
        Assert.Equal("ratelimited", error.Error);
    }

    [Fact]
    public async Task Leaves_429_to_our_own_loop_rather_than_the_HTTP_pipeline()
    {
        await using var harness = await SlackWebApiHarness.StartAsync(o => o.MaxRateLimitRetries = 0);
        harness.Slack.RateLimitNext("chat.postMessage", calls: 1, retryAfterSeconds: 1);

        await Assert.ThrowsAsync<SlackRateLimitedException>(
            () => harness.Get<SlackChatApi>().PostMessageAsync(new(Channel, "Status update"), harness.Token));

        Assert.Single(harness.Slack.CallsTo("chat.postMessage"));
    }

    [Fact]
    public async Task Keeps_the_circuit_closed_through_a_burst_of_429s()
    {
        // The circuit breaker opens at 10% failures over at least 100 calls; 429 must not count.
        await using var harness = await SlackWebApiHarness.StartAsync(o => o.MaxRateLimitRetries = 0);
        var chat = harness.Get<SlackChatApi>();
        harness.Slack.RateLimitNext("chat.postMessage", calls: 120, retryAfterSeconds: 1);
        for (var i = 0; i < 120; i++)
            await Assert.ThrowsAsync<SlackRateLimitedException>(() => chat.PostMessageAsync(new(Channel, "Status update"), harness.Token));

        var posted = await chat.PostMessageAsync(new(Channel, "Status update"), harness.Token);

        Assert.Equal(Channel, posted.Channel);
    }

    [Fact]
    public async Task Does_not_repeat_a_post_when_Slack_answers_a_server_error()
    {
        await using var harness = await SlackWebApiHarness.StartAsync();
        harness.Slack.ReplyNextRaw("chat.postMessage", 503, "upstream unavailable", "text/plain");

        var error = await Assert.ThrowsAsync<HttpRequestException>(
            () => harness.Get<SlackChatApi>().PostMessageAsync(new(Channel, "Status update"), harness.Token));

        Assert.Equal(HttpStatusCode.ServiceUnavailable, error.StatusCode);
        Assert.Single(harness.Slack.CallsTo("chat.postMessage"));
    }

    [Fact]
    public async Task Stops_calling_a_Slack_that_keeps_failing_and_says_why()
    {
        await using var harness = await SlackWebApiHarness.StartAsync();
        var chat = harness.Get<SlackChatApi>();
        harness.Slack.FailHttp("chat.postMessage", 503, _ => true, times: 100);
        for (var i = 0; i < 100; i++)
            await Assert.ThrowsAsync<HttpRequestException>(() => chat.PostMessageAsync(new(Channel, "Status update"), harness.Token));

        await Assert.ThrowsAsync<BrokenCircuitException>(() => chat.PostMessageAsync(new(Channel, "Status update"), harness.Token));

        Assert.Equal(100, harness.Slack.CallsTo("chat.postMessage").Count);
    }

    [Theory]
    [InlineData("<html><body>502 Bad Gateway</body></html>", "text/html")]
    [InlineData("{\"ok\":tru", "application/json")]
    [InlineData("{}", "application/json")]
    [InlineData("[]", "application/json")]
    [InlineData("null", "application/json")]
    [InlineData("", "application/json")]
    public async Task Throws_a_clear_exception_when_the_answer_is_not_a_Slack_envelope(string body, string contentType)
    {
        await using var harness = await SlackWebApiHarness.StartAsync();
        harness.Slack.ReplyNextRaw("chat.postMessage", 200, body, contentType);

        var error = await Assert.ThrowsAsync<SlackInvalidResponseException>(
            () => harness.Get<SlackChatApi>().PostMessageAsync(new(Channel, "Status update"), harness.Token));

        Assert.Equal("chat.postMessage", error.Method);
        Assert.Contains("chat.postMessage", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Throws_a_clear_exception_when_a_success_lacks_a_field_we_need()
    {
        await using var harness = await SlackWebApiHarness.StartAsync();
        harness.Slack.ReplyNext("chat.postMessage", new JsonObject { ["ok"] = true, ["channel"] = Channel });

        var error = await Assert.ThrowsAsync<SlackInvalidResponseException>(
            () => harness.Get<SlackChatApi>().PostMessageAsync(new(Channel, "Status update"), harness.Token));

        Assert.Equal("chat.postMessage", error.Method);
    }

    [Fact]
    public async Task Never_logs_the_token_or_the_message_text()
    {
        await using var harness = await SlackWebApiHarness.StartAsync();
        harness.Slack.RateLimitNext("chat.postMessage", calls: 1, retryAfterSeconds: 1);
        harness.Slack.FailNext("chat.postMessage", "channel_not_found");
        var chat = harness.Get<SlackChatApi>();

        var posting = chat.PostMessageAsync(new(Channel, "Evidence at a private link"), harness.Token);
        await harness.Clock.WaitForTimerAsync(TimeSpan.FromSeconds(1));
        harness.Clock.Advance(TimeSpan.FromSeconds(1));
        await Assert.ThrowsAsync<SlackApiException>(() => posting);

        Assert.NotEmpty(harness.Logs.Logs);
        Assert.DoesNotContain(harness.Logs.Logs, l => l.Message.Contains(FakeSlackServer.DefaultBotToken, StringComparison.Ordinal));
        Assert.DoesNotContain(harness.Logs.Logs, l => l.Message.Contains("Evidence", StringComparison.Ordinal));
    }
}
