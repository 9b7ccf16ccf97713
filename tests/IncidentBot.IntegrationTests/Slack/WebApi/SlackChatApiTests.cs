using System.Text.Json.Nodes;
using IncidentBot.Slack.WebApi;

namespace IncidentBot.IntegrationTests.Slack.WebApi;

public sealed class SlackChatApiTests
{
    private const string Channel = "C0INCIDENT";

    [Fact]
    public async Task Turns_off_unfurling_on_posts_and_sends_no_unfurl_flags_where_Slack_takes_none()
    {
        await using var harness = await SlackWebApiHarness.StartAsync();
        var chat = harness.Get<SlackChatApi>();

        var posted = await chat.PostMessageAsync(new(Channel, "See https://example.org/report"), harness.Token);
        await chat.UpdateAsync(new(Channel, posted.Ts, "See https://example.org/report (edited)"), harness.Token);
        await chat.PostEphemeralAsync(new(Channel, "U0RESPONDER", "Only for you: https://example.org/report"), harness.Token);

        var calls = harness.Slack.Calls;
        Assert.Equal(["chat.postMessage", "chat.update", "chat.postEphemeral"], calls.Select(c => c.Method));
        Assert.Equal("false", calls[0].Arg("unfurl_links"));
        Assert.Equal("false", calls[0].Arg("unfurl_media"));
        // chat.update and chat.postEphemeral have no such arguments (the links' labels protect those messages).
        Assert.All(calls.Skip(1), call =>
        {
            Assert.Null(call.Arg("unfurl_links"));
            Assert.Null(call.Arg("unfurl_media"));
        });
    }

    [Fact]
    public async Task Returns_the_channel_and_ts_of_a_posted_message()
    {
        await using var harness = await SlackWebApiHarness.StartAsync();

        var posted = await harness.Get<SlackChatApi>().PostMessageAsync(new(Channel, "Declared"), harness.Token);

        Assert.Equal(Channel, posted.Channel);
        Assert.Equal("1732540000.000100", posted.Ts);
    }

    [Fact]
    public async Task Sends_blocks_and_thread_as_given()
    {
        await using var harness = await SlackWebApiHarness.StartAsync();
        var blocks = new JsonArray(new JsonObject { ["type"] = "divider" });

        await harness.Get<SlackChatApi>().PostMessageAsync(
            new(Channel, "Declared") { Blocks = blocks, ThreadTs = "1732540000.000100" }, harness.Token);

        var call = Assert.Single(harness.Slack.CallsTo("chat.postMessage"));
        Assert.Equal("""[{"type":"divider"}]""", call.JsonArg("blocks")?.ToJsonString());
        Assert.Equal("1732540000.000100", call.Arg("thread_ts"));
    }

    [Fact]
    public async Task Leaves_out_blocks_and_thread_when_not_given()
    {
        await using var harness = await SlackWebApiHarness.StartAsync();

        await harness.Get<SlackChatApi>().PostMessageAsync(new(Channel, "Declared"), harness.Token);

        var call = Assert.Single(harness.Slack.CallsTo("chat.postMessage"));
        Assert.False(call.Json!.ContainsKey("blocks"));
        Assert.False(call.Json!.ContainsKey("thread_ts"));
    }

    [Fact]
    public async Task Returns_the_ts_of_an_ephemeral_message()
    {
        await using var harness = await SlackWebApiHarness.StartAsync();

        var ts = await harness.Get<SlackChatApi>().PostEphemeralAsync(new(Channel, "U0RESPONDER", "Only for you"), harness.Token);

        Assert.Equal("1732540000.000100", ts);
        Assert.Equal("U0RESPONDER", Assert.Single(harness.Slack.CallsTo("chat.postEphemeral")).Arg("user"));
    }

    [Fact]
    public async Task Reads_a_permalink_with_form_fields()
    {
        await using var harness = await SlackWebApiHarness.StartAsync();

        var link = await harness.Get<SlackChatApi>().GetPermalinkAsync(Channel, "1732540000.000100", harness.Token);

        var call = Assert.Single(harness.Slack.CallsTo("chat.getPermalink"));
        Assert.True(call.IsForm);
        Assert.Equal("1732540000.000100", call.Form["message_ts"]);
        Assert.Equal("https://incidentbot-test.slack.com/archives/C0INCIDENT/p1732540000000100", link);
    }
}
