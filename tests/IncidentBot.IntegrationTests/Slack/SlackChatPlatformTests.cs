using System.Text.Json.Nodes;
using IncidentBot.Dialogs.Incidents;
using IncidentBot.Dialogs.Platform;
using IncidentBot.Slack;
using IncidentBot.Slack.BlockKit;
using IncidentBot.Slack.WebApi;

namespace IncidentBot.IntegrationTests.Slack;

public sealed class SlackChatPlatformTests
{
    private static readonly WorkspaceId Workspace = new(FakeSlackServer.TeamId);
    private static readonly ChannelId Channel = new("C0INCIDENT");

    [Fact]
    public async Task Is_the_chat_platform_named_slack()
    {
        await using var harness = await SlackWebApiHarness.StartAsync();

        var platforms = harness.Get<IEnumerable<IChatPlatform>>();

        Assert.Equal(PlatformId.Slack, Assert.Single(platforms).Name);
    }

    [Fact]
    public async Task Creates_the_channel_under_the_next_free_suffix_when_the_name_is_taken()
    {
        await using var harness = await SlackWebApiHarness.StartAsync();
        harness.Slack.TakeChannelNames("inc-12-spam-wave", "inc-12-spam-wave-2");

        var channel = await harness.Get<SlackChatPlatform>().CreateChannelAsync(Workspace, "inc-12-spam-wave", isPrivate: false, harness.Token);

        Assert.Equal("inc-12-spam-wave-3", channel.Name);
        Assert.StartsWith("C0", channel.Id.Value, StringComparison.Ordinal);
        Assert.Equal(["inc-12-spam-wave", "inc-12-spam-wave-2", "inc-12-spam-wave-3"],
            harness.Slack.CallsTo("conversations.create").Select(c => c.Arg("name")));
    }

    [Fact]
    public async Task Gives_up_with_name_taken_after_twenty_names()
    {
        await using var harness = await SlackWebApiHarness.StartAsync();
        harness.Slack.FailAlways("conversations.create", "name_taken");

        var error = await Assert.ThrowsAsync<SlackApiException>(
            () => harness.Get<SlackChatPlatform>().CreateChannelAsync(Workspace, "inc-12-spam-wave", isPrivate: true, harness.Token));

        Assert.Equal("name_taken", error.Error);
        Assert.Equal(SlackChatPlatform.MaxChannelNameAttempts, harness.Slack.CallsTo("conversations.create").Count);
    }

    [Fact]
    public async Task Does_not_retry_other_channel_creation_errors()
    {
        await using var harness = await SlackWebApiHarness.StartAsync();
        harness.Slack.FailNext("conversations.create", "restricted_action");

        await Assert.ThrowsAsync<SlackApiException>(
            () => harness.Get<SlackChatPlatform>().CreateChannelAsync(Workspace, "inc-12-spam-wave", isPrivate: true, harness.Token));

        Assert.Single(harness.Slack.CallsTo("conversations.create"));
    }

    [Fact]
    public async Task Invites_everyone_in_one_call_and_ignores_those_already_there()
    {
        await using var harness = await SlackWebApiHarness.StartAsync();
        harness.Slack.ReplyNext("conversations.invite", new JsonObject
        {
            ["ok"] = false,
            ["error"] = "already_in_channel",
            ["errors"] = new JsonArray(new JsonObject { ["user"] = "U0LEAD", ["ok"] = false, ["error"] = "already_in_channel" }),
        });

        await harness.Get<SlackChatPlatform>().InviteAsync(Workspace, Channel, [new UserId("U0LEAD"), new UserId("U0COMMS")], harness.Token);

        var call = Assert.Single(harness.Slack.CallsTo("conversations.invite"));
        Assert.Equal("U0LEAD,U0COMMS", call.Arg("users"));
        Assert.Equal("C0INCIDENT", call.Arg("channel"));
    }

    [Fact]
    public async Task Makes_no_invite_call_when_nobody_is_to_be_invited()
    {
        await using var harness = await SlackWebApiHarness.StartAsync();

        await harness.Get<SlackChatPlatform>().InviteAsync(Workspace, Channel, [], harness.Token);

        Assert.Empty(harness.Slack.Calls);
    }

    [Fact]
    public async Task Posts_the_rendered_blocks_with_the_text_as_fallback()
    {
        await using var harness = await SlackWebApiHarness.StartAsync();
        var message = new ChatMessage(RichText.Text("INC-12 declared"), [new HeaderBlock(RichText.Text("INC-12 · Spam wave")), new TextBlock(LegacyMrkdwn.Read("*Lead:* <@U0LEAD>"))]);

        var posted = await harness.Get<SlackChatPlatform>().PostAsync(Workspace, Channel, message, harness.Token);

        var call = Assert.Single(harness.Slack.CallsTo("chat.postMessage"));
        Assert.Equal("INC-12 declared", call.Arg("text"));
        Assert.True(JsonNode.DeepEquals(BlockKitRenderer.Render(message), call.JsonArg("blocks")));
        Assert.Equal("false", call.Arg("unfurl_links"));
        Assert.Equal(new MessageRef(Channel, "1732540000.000100"), posted);
    }

    [Fact]
    public async Task Updates_a_posted_message_in_place()
    {
        await using var harness = await SlackWebApiHarness.StartAsync();
        var platform = harness.Get<SlackChatPlatform>();
        var posted = await platform.PostAsync(Workspace, Channel, ChatMessage.Plain(RichText.Text("Investigating")), harness.Token);

        await platform.UpdateAsync(Workspace, posted, ChatMessage.Plain(RichText.Text("Mitigated")), harness.Token);

        var call = Assert.Single(harness.Slack.CallsTo("chat.update"));
        Assert.Equal(posted.MessageId, call.Arg("ts"));
        Assert.Equal("C0INCIDENT", call.Arg("channel"));
        Assert.Equal("Mitigated", call.Arg("text"));
    }

    [Fact]
    public async Task An_edited_message_carries_only_links_Slack_never_unfurls()
    {
        await using var harness = await SlackWebApiHarness.StartAsync();
        var platform = harness.Get<SlackChatPlatform>();
        var posted = await platform.PostAsync(Workspace, Channel, ChatMessage.Plain(RichText.Text("Investigating")), harness.Token);
        var edited = new ChatMessage(RichText.Text("INC-12 see https://evil.example/clip.mp4"), [
            new TextBlock(LegacyMrkdwn.Read("Evidence: https://evil.example/a.jpg?x=1&amp;y=2, `https://evil.example/code` and <https://evil.example/b.png>.")),
            new ContextBlock(LegacyMrkdwn.Read("Declared from <https://acme.slack.com/archives/C0REPORTS/p1764075500000100|this message>.")),
        ]);

        await platform.UpdateAsync(Workspace, posted, edited, harness.Token);

        // chat.update takes no unfurl flags; Slack never unfurls a link whose label is its address
        // without the scheme, so that is the only kind of link the edit carries.
        var call = Assert.Single(harness.Slack.CallsTo("chat.update"));
        var expected = JsonNode.Parse("""
            {
              "channel": "C0INCIDENT",
              "ts": "1732540000.000100",
              "text": "INC-12 see <https://evil.example/clip.mp4|evil.example/clip.mp4>",
              "blocks": [
                { "type": "section", "text": { "type": "mrkdwn", "text": "Evidence: <https://evil.example/a.jpg?x=1&amp;y=2|evil.example/a.jpg?x=1&amp;y=2>, `https://evil.example/code` and <https://evil.example/b.png|evil.example/b.png>." } },
                { "type": "context", "elements": [ { "type": "mrkdwn", "text": "Declared from <https://acme.slack.com/archives/C0REPORTS/p1764075500000100|acme.slack.com/archives/C0REPORTS/p1764075500000100>." } ] }
              ]
            }
            """);
        Assert.True(JsonNode.DeepEquals(expected, JsonNode.Parse(call.Body)), call.Body);
    }

    [Fact]
    public async Task Sends_a_direct_message_to_the_user_id_and_returns_the_DM_channel()
    {
        await using var harness = await SlackWebApiHarness.StartAsync();

        var sent = await harness.Get<SlackChatPlatform>().SendDirectAsync(Workspace, new UserId("U0ONCALL"), ChatMessage.Plain(RichText.Text("You are paged for INC-12")), harness.Token);

        Assert.Equal("U0ONCALL", Assert.Single(harness.Slack.CallsTo("chat.postMessage")).Arg("channel"));
        Assert.StartsWith("D0", sent.Channel.Value, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Posts_privately_as_an_ephemeral_message_to_that_user()
    {
        await using var harness = await SlackWebApiHarness.StartAsync();

        await harness.Get<SlackChatPlatform>().PostPrivatelyAsync(Workspace, Channel, new UserId("U0ASKER"), ChatMessage.Plain(RichText.Text("Only you can see this")), harness.Token);

        var call = Assert.Single(harness.Slack.CallsTo("chat.postEphemeral"));
        Assert.Equal("U0ASKER", call.Arg("user"));
        Assert.Equal("C0INCIDENT", call.Arg("channel"));
        Assert.Null(call.Arg("unfurl_links")); // not an argument of chat.postEphemeral
    }

    [Fact]
    public async Task Pins_a_message_again_without_error()
    {
        await using var harness = await SlackWebApiHarness.StartAsync();
        var platform = harness.Get<SlackChatPlatform>();
        var message = new MessageRef(Channel, "1732540000.000100");

        await platform.PinAsync(Workspace, message, harness.Token);
        await platform.PinAsync(Workspace, message, harness.Token);

        Assert.Equal(2, harness.Slack.CallsTo("pins.add").Count);
    }

    [Fact]
    public async Task Cuts_the_topic_to_Slacks_250_characters()
    {
        await using var harness = await SlackWebApiHarness.StartAsync();

        await harness.Get<SlackChatPlatform>().SetTopicAsync(Workspace, Channel, new string('t', 300), harness.Token);

        Assert.Equal(250, Assert.Single(harness.Slack.CallsTo("conversations.setTopic")).Arg("topic")!.Length);
    }

    [Fact]
    public async Task Announces_in_the_configured_channel()
    {
        await using var harness = await SlackWebApiHarness.StartAsync(o => o.AnnouncementChannel = "C0ANNOUNCE");

        Assert.Equal(new ChannelId("C0ANNOUNCE"), harness.Get<SlackChatPlatform>().AnnouncementChannel);
    }

    [Fact]
    public async Task Has_no_announcement_channel_when_none_is_configured()
    {
        await using var harness = await SlackWebApiHarness.StartAsync();

        Assert.Null(harness.Get<SlackChatPlatform>().AnnouncementChannel);
    }

    [Fact]
    public async Task Logs_ids_but_never_channel_names()
    {
        await using var harness = await SlackWebApiHarness.StartAsync();
        harness.Slack.TakeChannelNames("inc-12-spam-wave");

        var channel = await harness.Get<SlackChatPlatform>().CreateChannelAsync(Workspace, "inc-12-spam-wave", isPrivate: false, harness.Token);

        Assert.Contains(harness.Logs.Logs, l => l.Message.Contains(channel.Id.Value, StringComparison.Ordinal));
        Assert.DoesNotContain(harness.Logs.Logs, l => l.Message.Contains("spam-wave", StringComparison.Ordinal));
    }
}
