using System.Net;
using System.Net.Http.Headers;
using System.Text;
using IncidentBot.IntegrationTests.Bot;

namespace IncidentBot.IntegrationTests.Timers;

/// <summary>Status-update reminders, post-mortems and action items end to end, on a fake clock.</summary>
public sealed class ReminderFlowTests : IAsyncLifetime
{
    private TimersBot _bot = null!;

    public async Task InitializeAsync() => _bot = await TimersBot.StartAsync();

    public async Task DisposeAsync() => await _bot.DisposeAsync();

    [Fact]
    public async Task Status_update_reminders_follow_the_severity_and_stop_once_mitigated()
    {
        var (_, channel) = await _bot.DeclareAsync("sev2 Trending challenge --source trending");
        await _bot.CommandAsync($"lead <@{TimersBot.Lead}>", channel);
        const string marker = "status update";

        await _bot.AdvanceAsync(TimeSpan.FromMinutes(40));
        Assert.Empty(_bot.Posts(channel, marker));

        await _bot.CommandAsync("sev 1", channel);
        await _bot.RunDueAsync();
        var first = Assert.Single(await _bot.WaitForPostsAsync(channel, marker, 1));
        Assert.Contains("40m since it was declared", first, StringComparison.Ordinal);
        Assert.Contains($"<@{TimersBot.Lead}>", first, StringComparison.Ordinal);

        await _bot.AdvanceAsync(TimeSpan.FromMinutes(20) - TimeSpan.FromSeconds(1));
        Assert.Single(_bot.Posts(channel, marker));
        await _bot.AdvanceAsync(TimeSpan.FromSeconds(1));
        Assert.Equal(2, (await _bot.WaitForPostsAsync(channel, marker, 2)).Count);

        await _bot.CommandAsync("update Removals under way in IN and NP", channel);
        await _bot.AdvanceAsync(TimeSpan.FromMinutes(29));
        Assert.Equal(2, _bot.Posts(channel, marker).Count);
        await _bot.AdvanceAsync(TimeSpan.FromMinutes(1));
        Assert.Contains("since the last status update", (await _bot.WaitForPostsAsync(channel, marker, 3))[2], StringComparison.Ordinal);

        await _bot.CommandAsync("status mitigated", channel);
        await _bot.AdvanceAsync(TimeSpan.FromHours(5));
        Assert.Equal(3, _bot.Posts(channel, marker).Count);
    }

    [Fact]
    public async Task Resolving_a_sev1_makes_a_post_mortem_due_whose_draft_is_uploaded_served_and_reminded_until_done()
    {
        var (number, channel) = await _bot.DeclareAsync("sev1 Removal order --source regulator --market NP");
        await _bot.CommandAsync($"lead <@{TimersBot.Bob}>", channel); // Bob is in Asia/Kathmandu
        await _bot.CommandAsync("clock start eu-tco-removal --from 10m ago", channel);
        await _bot.CommandAsync("clock met eu-tco-removal", channel);
        await _bot.CommandAsync("update All copies removed", channel);
        await _bot.AdvanceAsync(TimeSpan.FromHours(1));
        await _bot.CommandAsync("resolve Removed within the hour", channel); // Monday 09:00 UTC, 14:45 in Kathmandu
        await _bot.RunDueAsync();

        var assigned = Assert.Single(await _bot.WaitForPostsAsync(TimersBot.Bob, "post-mortem", 1));
        Assert.Contains("due *Mon 9 Mar 2026*", assigned, StringComparison.Ordinal);

        var reply = await _bot.ReplyTextAsync("postmortem", channel);
        Assert.Contains("Drafting the post-mortem of INC-1", reply, StringComparison.Ordinal);
        await _bot.RunDueAsync();
        var url = await _bot.Bot.WaitForSlackAsync("files.getUploadURLExternal");
        Assert.Equal("INC-1-postmortem-draft.md", url.Arg("filename"));
        var complete = await _bot.Bot.WaitForSlackAsync("files.completeUploadExternal");
        Assert.Equal(channel, complete.Arg("channel_id"));
        var fileId = complete.JsonArg("files")![0]!["id"]!.GetValue<string>();
        var uploaded = Encoding.UTF8.GetString((await _bot.Slack.WaitForUploadAsync(fileId)).Content);
        Assert.StartsWith("# INC-1 post-mortem (draft): Removal order", uploaded, StringComparison.Ordinal);
        Assert.Contains("| Time (UTC) | Time (Asia/Kathmandu) | Who | What |", uploaded, StringComparison.Ordinal);
        Assert.Contains("eu-tco-removal: EU terrorist content removal order", uploaded, StringComparison.Ordinal);
        Assert.Contains("Bob Bhattarai (@U0BOB)", uploaded, StringComparison.Ordinal);

        using (var request = new HttpRequestMessage(HttpMethod.Get, $"/api/incidents/{number}/postmortem.md"))
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", BotApplication.ApiKey);
            using var response = await _bot.Client.SendAsync(request);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Equal("text/markdown", response.Content.Headers.ContentType!.MediaType);
            Assert.Contains("## What went wrong", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }
        using (var anonymous = await _bot.Client.GetAsync($"/api/incidents/{number}/postmortem.md"))
            Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);

        // Friday 6 March, 09:00 in Kathmandu: the day before it is due.
        await _bot.AdvanceToAsync(new DateTimeOffset(2026, 3, 6, 3, 15, 0, TimeSpan.Zero) - TimeSpan.FromSeconds(1));
        Assert.Single(_bot.Posts(TimersBot.Bob, "post-mortem"));
        await _bot.AdvanceAsync(TimeSpan.FromSeconds(1));
        Assert.Equal(2, (await _bot.WaitForPostsAsync(TimersBot.Bob, "post-mortem", 2)).Count);

        // Monday 9 March: due today; Tuesday: overdue.
        await _bot.AdvanceToAsync(new DateTimeOffset(2026, 3, 9, 3, 15, 0, TimeSpan.Zero));
        Assert.Contains("due *today*", (await _bot.WaitForPostsAsync(TimersBot.Bob, "post-mortem", 3))[2], StringComparison.Ordinal);
        await _bot.AdvanceToAsync(new DateTimeOffset(2026, 3, 10, 3, 15, 0, TimeSpan.Zero));
        Assert.Contains("*overdue*", (await _bot.WaitForPostsAsync(TimersBot.Bob, "post-mortem", 4))[3], StringComparison.Ordinal);

        Assert.Contains("Post-mortem of INC-1 done", await _bot.ReplyTextAsync("postmortem done https://docs.example.com/pm/inc-1", channel, TimersBot.Bob), StringComparison.Ordinal);
        await _bot.AdvanceAsync(TimeSpan.FromDays(7));
        Assert.Equal(4, _bot.Posts(TimersBot.Bob, "post-mortem").Count);
    }

    [Fact]
    public async Task Action_items_remind_their_owner_in_working_hours_and_only_the_owner_or_lead_closes_them()
    {
        var (_, channel) = await _bot.DeclareAsync("sev2 Scam wave --source partner");
        await _bot.CommandAsync($"lead <@{TimersBot.Lead}>", channel);

        // 08:00 UTC + 14h is 22:00 UTC, 03:45 in Kathmandu: held to 09:00 there (03:15 UTC next day).
        var added = await _bot.ReplyTextAsync($"action add Update the hash list <@{TimersBot.Bob}> due in 14h", channel);
        Assert.Contains("Action item #1", added, StringComparison.Ordinal);
        Assert.Contains("in the past", await _bot.ReplyTextAsync($"action add Too late <@{TimersBot.Bob}> due 2026-03-01", channel), StringComparison.Ordinal);

        var mine = await _bot.ReplyTextAsync("mine", SlackRequests.Channel, TimersBot.Bob);
        Assert.Contains("#1 Update the hash list", mine, StringComparison.Ordinal);
        Assert.Contains("*INC-1*", mine, StringComparison.Ordinal);

        await _bot.AdvanceToAsync(new DateTimeOffset(2026, 3, 3, 3, 14, 0, TimeSpan.Zero));
        Assert.Empty(_bot.Posts(TimersBot.Bob, "action item"));
        await _bot.AdvanceAsync(TimeSpan.FromMinutes(1));
        Assert.Contains("Update the hash list", Assert.Single(await _bot.WaitForPostsAsync(TimersBot.Bob, "action item", 1)), StringComparison.Ordinal);

        var refused = await _bot.ReplyTextAsync("action done 1", channel, TimersBot.Carol);
        Assert.Contains("Only its owner <@U0BOB> or the incident lead <@U0LEAD>", refused, StringComparison.Ordinal);
        Assert.Contains("done by <@U0BOB>", await _bot.ReplyTextAsync("action done 1", channel, TimersBot.Bob), StringComparison.Ordinal);
        Assert.Contains("Nothing open is yours", await _bot.ReplyTextAsync("mine", SlackRequests.Channel, TimersBot.Bob), StringComparison.Ordinal);

        await _bot.AdvanceAsync(TimeSpan.FromDays(3));
        Assert.Single(_bot.Posts(TimersBot.Bob, "action item"));
    }

    [Fact]
    public async Task After_a_restart_pending_reminders_are_neither_missed_nor_sent_twice()
    {
        var (_, channel) = await _bot.DeclareAsync("sev2 Partner report --source internal");
        await _bot.CommandAsync($"lead <@{TimersBot.Lead}>", channel);
        await _bot.CommandAsync("clock start partner-response 1h", channel);
        await _bot.CommandAsync($"action add Reply to the partner <@{TimersBot.Carol}> due in 50m", channel);
        await _bot.AdvanceAsync(TimeSpan.FromMinutes(30));
        Assert.Single(await _bot.WaitForPostsAsync(channel, "Clock `partner-response`", 1));

        // Down from 09:30 to 09:50 UTC: the 75% warning (09:45) and the action item (09:50) fall due meanwhile.
        await _bot.RestartAsync(downtime: TimeSpan.FromMinutes(20));
        await _bot.RunDueAsync();

        // The missed 75% warning goes out late, saying where the clock stands now.
        Assert.Contains("83% of 1h used, *10m left*", (await _bot.WaitForPostsAsync(channel, "Clock `partner-response`", 2))[1], StringComparison.Ordinal);
        Assert.Single(await _bot.WaitForPostsAsync(TimersBot.Carol, "action item", 1));
        await _bot.RunDueAsync();
        await _bot.AdvanceAsync(TimeSpan.FromMinutes(3));
        Assert.Equal(2, _bot.Posts(channel, "Clock `partner-response`").Count);
        Assert.Single(_bot.Posts(TimersBot.Carol, "action item"));

        await _bot.AdvanceAsync(TimeSpan.FromMinutes(1)); // 09:54: the last warning, paged once
        Assert.Equal(3, (await _bot.WaitForPostsAsync(channel, "Clock `partner-response`", 3)).Count);
        Assert.Single(await _bot.WaitForPostsAsync(TimersBot.Lead, "clock partner-response", 1));
    }

    [Fact]
    public async Task A_policy_file_with_a_mistake_stops_the_bot_at_start_naming_the_line()
    {
        var path = Path.Combine(Path.GetDirectoryName(BotApplication.NewDatabasePath())!, "policies.yaml");
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        await File.WriteAllTextAsync(path, "clocks:\n  eu-tco-removal:\n    title: EU\n    window: one hour\n");
        try
        {
            using var bot = new BotApplication(_bot.Slack, BotApplication.NewDatabasePath(), settings: new Dictionary<string, string?> { ["Policies:ConfigPath"] = path });

            var error = Record.Exception(() => bot.Start());

            Assert.NotNull(error);
            Assert.Contains("policies.yaml:4:13: clock `eu-tco-removal`: window: `one hour` is not a duration", error.ToString(), StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(Path.GetDirectoryName(path)!, recursive: true);
        }
    }
}
