using System.Text.Json.Nodes;
using IncidentBot.Slack.WebApi;

namespace IncidentBot.IntegrationTests.Slack.WebApi;

public sealed class SlackConversationsApiTests
{
    private const string Channel = "C0INCIDENT";

    [Fact]
    public async Task Creates_a_channel_with_the_name_and_privacy_asked_for()
    {
        await using var harness = await SlackWebApiHarness.StartAsync();

        var channel = await harness.Get<SlackConversationsApi>().CreateAsync("inc-7-payment-errors", isPrivate: true, harness.Token);

        var call = Assert.Single(harness.Slack.CallsTo("conversations.create"));
        Assert.Equal("inc-7-payment-errors", call.Arg("name"));
        Assert.Equal("true", call.Arg("is_private"));
        Assert.StartsWith("C0", channel.Id, StringComparison.Ordinal);
        Assert.Equal("inc-7-payment-errors", channel.Name);
        Assert.True(channel.IsPrivate);
    }

    [Fact]
    public async Task Answers_name_taken_for_a_name_already_in_use()
    {
        await using var harness = await SlackWebApiHarness.StartAsync();
        harness.Slack.TakeChannelNames("inc-7-payment-errors");

        var error = await Assert.ThrowsAsync<SlackApiException>(
            () => harness.Get<SlackConversationsApi>().CreateAsync("inc-7-payment-errors", isPrivate: false, harness.Token));

        Assert.Equal("name_taken", error.Error);
    }

    [Fact]
    public async Task Invites_all_users_in_one_call_and_asks_Slack_to_skip_the_invalid_ones()
    {
        await using var harness = await SlackWebApiHarness.StartAsync();

        await harness.Get<SlackConversationsApi>().InviteAsync(Channel, ["U0LEAD", "U0COMMS"], harness.Token);

        var call = Assert.Single(harness.Slack.CallsTo("conversations.invite"));
        Assert.Equal("U0LEAD,U0COMMS", call.Arg("users"));
        Assert.Equal("true", call.Arg("force"));
    }

    [Fact]
    public async Task Treats_already_in_channel_as_success_when_Slack_says_so_at_the_top_level()
    {
        await using var harness = await SlackWebApiHarness.StartAsync();
        harness.Slack.FailNext("conversations.invite", "already_in_channel");

        await harness.Get<SlackConversationsApi>().InviteAsync(Channel, ["U0LEAD"], harness.Token);

        Assert.Single(harness.Slack.CallsTo("conversations.invite"));
    }

    [Fact]
    public async Task Treats_already_in_channel_as_success_when_every_per_user_error_says_so()
    {
        await using var harness = await SlackWebApiHarness.StartAsync();
        harness.Slack.ReplyNext("conversations.invite", InviteErrors("already_in_channel", ("U0LEAD", "already_in_channel"), ("U0COMMS", "already_in_channel")));

        await harness.Get<SlackConversationsApi>().InviteAsync(Channel, ["U0LEAD", "U0COMMS"], harness.Token);

        Assert.Single(harness.Slack.CallsTo("conversations.invite"));
    }

    [Fact]
    public async Task Throws_with_the_per_user_errors_when_someone_could_not_be_invited()
    {
        await using var harness = await SlackWebApiHarness.StartAsync();
        harness.Slack.ReplyNext("conversations.invite", InviteErrors("user_not_found", ("U0LEAD", "already_in_channel"), ("U0GONE", "user_not_found")));

        var error = await Assert.ThrowsAsync<SlackApiException>(
            () => harness.Get<SlackConversationsApi>().InviteAsync(Channel, ["U0LEAD", "U0GONE"], harness.Token));

        Assert.Equal("user_not_found", error.Error);
        Assert.Equal([new SlackUserError("U0LEAD", "already_in_channel"), new SlackUserError("U0GONE", "user_not_found")], error.UserErrors);
    }

    [Fact]
    public async Task Throws_when_Slack_accepts_an_invite_but_lists_users_it_could_not_add()
    {
        await using var harness = await SlackWebApiHarness.StartAsync();
        var answer = InviteErrors("unused", ("U0LEAD", "already_in_channel"), ("U0GONE", "user_is_restricted"));
        answer["ok"] = true;
        answer.Remove("error");
        harness.Slack.ReplyNext("conversations.invite", answer);

        var error = await Assert.ThrowsAsync<SlackApiException>(
            () => harness.Get<SlackConversationsApi>().InviteAsync(Channel, ["U0LEAD", "U0GONE", "U0NEW"], harness.Token));

        Assert.Equal("user_is_restricted", error.Error);
        Assert.Equal([new SlackUserError("U0GONE", "user_is_restricted")], error.UserErrors);
    }

    [Fact]
    public async Task Sets_the_topic()
    {
        await using var harness = await SlackWebApiHarness.StartAsync();

        await harness.Get<SlackConversationsApi>().SetTopicAsync(Channel, "SEV2 · Mitigated", harness.Token);

        var call = Assert.Single(harness.Slack.CallsTo("conversations.setTopic"));
        Assert.True(call.IsJson);
        Assert.Equal("SEV2 · Mitigated", call.Arg("topic"));
    }

    [Fact]
    public async Task Fetches_a_channel_message_by_ts_from_history_with_limit_one()
    {
        await using var harness = await SlackWebApiHarness.StartAsync();
        harness.Slack.AddMessage(Channel, "first");
        var ts = harness.Slack.AddMessage(Channel, "the one", user: "U0WITNESS");
        harness.Slack.AddMessage(Channel, "later");

        var message = await harness.Get<SlackConversationsApi>().GetMessageAsync(Channel, ts, harness.Token);

        Assert.Equal(new SlackMessage(ts, "the one", "U0WITNESS"), message);
        var call = Assert.Single(harness.Slack.CallsTo("conversations.history"));
        Assert.True(call.IsForm);
        Assert.Equal(ts, call.Form["latest"]);
        Assert.Equal("true", call.Form["inclusive"]);
        Assert.Equal("1", call.Form["limit"]);
        Assert.Empty(harness.Slack.CallsTo("conversations.replies"));
    }

    [Fact]
    public async Task Fetches_a_thread_reply_by_ts_through_replies()
    {
        await using var harness = await SlackWebApiHarness.StartAsync();
        var parent = harness.Slack.AddMessage(Channel, "parent");
        var reply = harness.Slack.AddMessage(Channel, "a reply in the thread", threadTs: parent);

        var message = await harness.Get<SlackConversationsApi>().GetMessageAsync(Channel, reply, harness.Token);

        Assert.Equal("a reply in the thread", message?.Text);
        Assert.Equal(parent, message?.ThreadTs);
        Assert.Equal(reply, Assert.Single(harness.Slack.CallsTo("conversations.replies")).Form["ts"]);
    }

    [Fact]
    public async Task Returns_null_when_no_message_has_the_ts()
    {
        await using var harness = await SlackWebApiHarness.StartAsync();
        harness.Slack.AddMessage(Channel, "an older message");

        var message = await harness.Get<SlackConversationsApi>().GetMessageAsync(Channel, "1732549999.000100", harness.Token);

        Assert.Null(message);
    }

    private static JsonObject InviteErrors(string error, params (string User, string Error)[] errors) => new()
    {
        ["ok"] = false,
        ["error"] = error,
        ["errors"] = new JsonArray([.. errors.Select(e => new JsonObject { ["user"] = e.User, ["ok"] = false, ["error"] = e.Error })]),
    };
}
