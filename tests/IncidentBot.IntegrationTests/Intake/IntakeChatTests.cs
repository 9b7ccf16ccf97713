using System.Globalization;
using System.Net;
using System.Text.Json.Nodes;
using IncidentBot.Dialogs.Incidents;
using IncidentBot.Dialogs.Intake;
using IncidentBot.IntegrationTests.Bot;

namespace IncidentBot.IntegrationTests.Intake;

/// <summary>Partner messages in an intake channel, and what the incident's channel hears: the digest and its raise button.</summary>
public sealed class IntakeChatTests(IntakeBot bot) : IClassFixture<IntakeBot>
{
    private static object Callback(string eventId, object inner) => new
    {
        token = "legacy",
        team_id = IntakeBot.Workspace,
        api_app_id = "A0BOT",
        type = "event_callback",
        event_id = eventId,
        event_time = 1732540000,
        @event = inner,
    };

    [Fact]
    public async Task A_partner_message_in_an_intake_channel_becomes_a_report_with_a_receipt_reaction_and_a_threaded_reply()
    {
        var tag = "Dare" + IntakeBot.NewId();
        var ts = bot.Clock.GetUtcNow().ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture) + ".000100";
        var message = Callback("Ev" + tag, new
        {
            type = "message",
            user = "U0PARTNER",
            text = $"Kids in Kathmandu are posting #{tag} videos of holding their breath until they faint",
            ts,
            channel = IntakeBot.PartnerChannel,
            channel_type = "channel",
            event_ts = ts,
        });

        var first = await bot.Client.SendAsync(SlackRequests.Event(message, bot.Clock));
        var redelivered = await bot.Client.SendAsync(SlackRequests.Event(message, bot.Clock, retryNum: 1));
        await bot.RunDueAsync();

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal(HttpStatusCode.OK, redelivered.StatusCode);
        var reaction = await bot.Bot.WaitForSlackAsync("reactions.add", c => c.Arg("timestamp") == ts);
        Assert.Equal(IntakeBot.PartnerChannel, reaction.Arg("channel"));
        Assert.Equal(IntakeMessages.ReceiptEmoji, reaction.Arg("name"));
        var reply = await bot.Bot.WaitForSlackAsync("chat.postMessage", c => c.Arg("thread_ts") == ts);
        Assert.Equal(IntakeBot.PartnerChannel, reply.Arg("channel"));
        var number = int.Parse(System.Text.RegularExpressions.Regex.Match(reply.Arg("text")!, @"INC-(\d+)").Groups[1].Value, CultureInfo.InvariantCulture);
        var incident = await bot.IncidentAsync(number);
        Assert.Equal(1, (int)incident["reportCount"]!);
        Assert.Equal("partner", (string)incident["source"]!);
        var report = (await bot.GetAsync($"/api/incidents/{number}/reports?workspace={IntakeBot.Workspace}"))["reports"]!.AsArray().Single()!;
        Assert.Equal($"slack:{IntakeBot.PartnerChannel}:{ts}", (string)report["externalId"]!);
        Assert.Single(bot.Slack.CallsTo("reactions.add"), c => c.Arg("timestamp") == ts);

        // The same trend said again in the channel joins the incident and says so in its thread.
        var ts2 = bot.Clock.GetUtcNow().ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture) + ".000200";
        await bot.Client.SendAsync(SlackRequests.Event(Callback("Ev2" + tag, new
        {
            type = "message", user = "U0OTHER", text = $"More #{tag.ToLowerInvariant()} clips today", ts = ts2, channel = IntakeBot.PartnerChannel, event_ts = ts2,
        }), bot.Clock));
        await bot.RunDueAsync();
        var joined = await bot.Bot.WaitForSlackAsync("chat.postMessage", c => c.Arg("thread_ts") == ts2);
        Assert.Contains($"joined *INC-{number}*", joined.Arg("text") + joined.Arg("blocks"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_message_in_another_channel_or_a_thread_reply_is_not_a_report()
    {
        var before = await bot.IncidentCountAsync();
        var ts = bot.Clock.GetUtcNow().ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture) + ".000300";

        await bot.Client.SendAsync(SlackRequests.Event(Callback("EvO" + ts, new { type = "message", user = "U0X", text = "Not a report", ts, channel = "C0RANDOM", event_ts = ts }), bot.Clock));
        await bot.Client.SendAsync(SlackRequests.Event(Callback("EvT" + ts, new { type = "message", user = "U0X", text = "A reply", ts, thread_ts = "1.000001", channel = IntakeBot.PartnerChannel, event_ts = ts }), bot.Clock));
        await bot.RunDueAsync();

        Assert.Equal(before, await bot.IncidentCountAsync());
    }

    [Fact]
    public async Task A_storm_posts_one_digest_a_minute_and_proposes_a_raise_that_only_the_button_carries_out()
    {
        var trend = "#digest-" + IntakeBot.NewId();
        var opened = await bot.ReportAsync(IncidentSource.Trending, IntakeBot.Report(trendKey: trend));
        var number = (int)opened["incident"]!;
        await bot.RunDueAsync();
        var summary = await bot.Bot.WaitForSlackAsync("chat.postMessage", c => c.Arg("text")!.Contains($"INC-{number}", StringComparison.Ordinal) && c.Arg("channel") != BotApplication.AnnouncementChannel);
        var channel = summary.Arg("channel")!;
        bool IsDigest(SlackApiCall c) => c.Arg("channel") == channel && c.Arg("text")!.Contains("in all", StringComparison.Ordinal);

        // 150 reports within one minute (the policy watches for 100 a minute), in batches, from three markets.
        for (var round = 0; round < 3; round++)
        {
            var batch = new JsonArray(Enumerable.Range(0, 50).Select(i =>
            {
                var report = IntakeBot.Report(trendKey: trend);
                report["market"] = round switch { 0 => "NP", 1 => "IN", _ => "BD" };
                return (JsonNode)report;
            }).ToArray());
            using var response = await bot.PostRawAsync("/api/intake/reports/batch", batch.ToJsonString(), IntakeBot.TrendingKey);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            bot.Clock.Advance(TimeSpan.FromSeconds(10));
            await bot.RunDueAsync();
        }
        Assert.DoesNotContain(bot.Slack.CallsTo("chat.postMessage"), IsDigest); // not yet a minute since the incident opened

        bot.Clock.Advance(TimeSpan.FromSeconds(31));
        await bot.RunDueAsync();
        var digest = Assert.Single(bot.Slack.CallsTo("chat.postMessage"), IsDigest);
        Assert.Contains("+150 reports", digest.Arg("text"), StringComparison.Ordinal);
        Assert.Contains("151 in all", digest.Arg("text"), StringComparison.Ordinal);
        Assert.Contains("2 new markets", digest.Arg("text"), StringComparison.Ordinal);
        Assert.Contains(IntakeMessages.RaiseSeverityActionId, digest.Arg("blocks"), StringComparison.Ordinal);
        Assert.Equal("SEV3", (string)(await bot.IncidentAsync(number))["severity"]!); // proposed, never raised silently
        // The pinned summary is brought up to date with the digest, not with each report.
        await bot.Bot.WaitForSlackAsync("chat.update", c => c.Arg("channel") == channel && (c.Arg("blocks") ?? "").Contains("151 (trending)", StringComparison.Ordinal));

        // More reports within the next minute: no second digest until the minute is over.
        await bot.ReportAsync(IncidentSource.Trending, IntakeBot.Report(trendKey: trend));
        bot.Clock.Advance(TimeSpan.FromSeconds(30));
        await bot.RunDueAsync();
        Assert.Single(bot.Slack.CallsTo("chat.postMessage"), IsDigest);
        bot.Clock.Advance(TimeSpan.FromSeconds(31));
        await bot.RunDueAsync();
        Assert.Equal(2, bot.Slack.CallsTo("chat.postMessage").Count(IsDigest));

        using var press = await bot.Client.SendAsync(SlackRequests.Interaction(new
        {
            type = "block_actions",
            user = new { id = "U0LEAD", team_id = IntakeBot.Workspace },
            team = new { id = IntakeBot.Workspace, domain = "tands" },
            container = new { type = "message", message_ts = "1732540000.000900", channel_id = channel },
            channel = new { id = channel, name = "inc" },
            trigger_id = "1.2.trigger",
            response_url = bot.Slack.ResponseUrlFor("raise-" + number),
            actions = new[] { new { action_id = IntakeMessages.RaiseSeverityActionId, block_id = $"intake-raise:{number}", value = $"{number}:sev2", type = "button", action_ts = "1732540001.000100" } },
        }, bot.Clock));
        Assert.Equal(HttpStatusCode.OK, press.StatusCode);
        await bot.RunDueAsync();

        // The presser's note is sent once the raise is stored.
        var note = await bot.Slack.WaitForResponseUrlPostAsync("raise-" + number);
        Assert.Contains($"Raised INC-{number} to SEV2", note.Body, StringComparison.Ordinal);
        Assert.Equal("SEV2", (string)(await bot.IncidentAsync(number))["severity"]!);
    }
}
