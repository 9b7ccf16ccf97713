using IncidentBot.IntegrationTests.Bot;

namespace IncidentBot.IntegrationTests.Timers;

/// <summary>Clocks end to end: slash commands in, channel warnings, pages and the API out, on a fake clock.</summary>
public sealed class ClockFlowTests : IAsyncLifetime
{
    private TimersBot _bot = null!;

    public async Task InitializeAsync() => _bot = await TimersBot.StartAsync();

    public async Task DisposeAsync() => await _bot.DisposeAsync();

    [Fact]
    public async Task Warnings_and_breach_reach_the_channel_at_their_exact_instants_and_the_last_ones_page_the_lead()
    {
        var (number, channel) = await _bot.DeclareAsync("sev2 Partner escalation about a scam wave --source internal");
        await _bot.CommandAsync($"lead <@{TimersBot.Lead}|lena>", channel);
        var started = _bot.Clock.GetUtcNow();

        var reply = await _bot.CommandAsync("clock start reply-window 1h", channel);

        Assert.Equal("in_channel", (string?)reply["response_type"]);
        Assert.Contains("*1h 00m left*", (string?)reply["text"], StringComparison.Ordinal);
        await _bot.RunDueAsync();

        await _bot.AdvanceAsync(TimeSpan.FromMinutes(30) - TimeSpan.FromSeconds(1));
        Assert.Empty(_bot.Posts(channel, "Clock `reply-window`"));

        await _bot.AdvanceAsync(TimeSpan.FromSeconds(1));
        var first = Assert.Single(await _bot.WaitForPostsAsync(channel, "Clock `reply-window`", 1));
        Assert.Contains("50% of 1h used", first, StringComparison.Ordinal);
        Assert.Contains($"<@{TimersBot.Lead}>", first, StringComparison.Ordinal);

        await _bot.AdvanceToAsync(started.AddMinutes(45));
        Assert.Contains("75% of 1h used", (await _bot.WaitForPostsAsync(channel, "Clock `reply-window`", 2))[1], StringComparison.Ordinal);
        Assert.Empty(_bot.Posts(TimersBot.Lead, "reply-window"));

        await _bot.AdvanceToAsync(started.AddMinutes(54));
        Assert.Contains("Paging the lead", (await _bot.WaitForPostsAsync(channel, "Clock `reply-window`", 3))[2], StringComparison.Ordinal);
        Assert.Contains("6m left", Assert.Single(await _bot.WaitForPostsAsync(TimersBot.Lead, "clock reply-window", 1)), StringComparison.Ordinal);

        await _bot.AdvanceToAsync(started.AddMinutes(60));
        Assert.Contains("breached", (await _bot.WaitForPostsAsync(channel, "reply-window", 4))[3], StringComparison.Ordinal);
        // The 90% page repeats while unanswered (paging's own escalation); the breach is a page of its own.
        Assert.Single(await _bot.WaitForPostsAsync(TimersBot.Lead, "clock reply-window breached", 1));

        await _bot.AdvanceAsync(TimeSpan.FromHours(3));
        Assert.Equal(4, _bot.Posts(channel, "reply-window").Count);
        var api = await _bot.GetApiAsync($"/api/incidents/{number}");
        var clock = api["clocks"]![0]!;
        Assert.Equal("breached", (string?)clock["state"]);
        Assert.Equal(started.AddHours(1), clock["breachedAt"]!.GetValue<DateTimeOffset>());
        Assert.Contains(api["timeline"]!.AsArray(), e => (string?)e!["kind"] == "clockBreached");
    }

    [Fact]
    public async Task A_clock_received_before_the_declaration_shows_the_time_lost_and_warns_once_for_where_it_stands()
    {
        var (_, channel) = await _bot.DeclareAsync("sev1 Removal order --source internal");

        var reply = (string?)(await _bot.CommandAsync("clock start eu-tco-removal --from 50m ago", channel))["text"];

        Assert.Contains("Received *50m before* INC-1 was declared", reply, StringComparison.Ordinal);
        Assert.Contains("*10m left*", reply, StringComparison.Ordinal);
        await _bot.RunDueAsync();
        var warning = Assert.Single(await _bot.WaitForPostsAsync(channel, "eu-tco-removal", 1));
        Assert.Contains("83% of 1h used", warning, StringComparison.Ordinal);
        Assert.DoesNotContain("Paging", warning, StringComparison.Ordinal);

        await _bot.AdvanceAsync(TimeSpan.FromMinutes(4));

        Assert.Contains("Paging the lead", (await _bot.WaitForPostsAsync(channel, "eu-tco-removal", 2))[1], StringComparison.Ordinal);
        // No lead yet: the reporter is paged.
        Assert.Single(await _bot.WaitForPostsAsync(SlackRequests.User, "clock eu-tco-removal", 1));
    }

    [Fact]
    public async Task A_paused_clock_stays_silent_and_resumes_with_the_time_it_had_left()
    {
        var (number, channel) = await _bot.DeclareAsync("sev1 Unclear removal order --source internal");
        await _bot.CommandAsync("clock start eu-tco-removal", channel);
        await _bot.AdvanceAsync(TimeSpan.FromMinutes(20));

        var paused = (string?)(await _bot.CommandAsync("clock pause eu-tco-removal asked the authority which URL", channel))["text"];
        Assert.Contains("*40m left*", paused, StringComparison.Ordinal);
        await _bot.AdvanceAsync(TimeSpan.FromHours(2));
        Assert.Empty(_bot.Posts(channel, "Clock `eu-tco-removal`"));

        var resumed = (string?)(await _bot.CommandAsync("clock resume eu-tco-removal", channel))["text"];
        Assert.Contains("*40m left*", resumed, StringComparison.Ordinal);
        await _bot.AdvanceAsync(TimeSpan.FromMinutes(10) - TimeSpan.FromSeconds(1));
        Assert.Empty(_bot.Posts(channel, "Clock `eu-tco-removal`"));
        await _bot.AdvanceAsync(TimeSpan.FromSeconds(1));
        Assert.Contains("50% of 1h used", Assert.Single(await _bot.WaitForPostsAsync(channel, "Clock `eu-tco-removal`", 1)), StringComparison.Ordinal);

        var met = (string?)(await _bot.CommandAsync("clock met eu-tco-removal", channel))["text"];
        Assert.Contains("with 30m to spare", met, StringComparison.Ordinal);
        var clock = (await _bot.GetApiAsync($"/api/incidents/{number}"))["clocks"]![0]!;
        Assert.Equal("met", (string?)clock["state"]);
        Assert.Equal("02:00:00", (string?)clock["paused"]);
    }

    [Fact]
    public async Task Bad_clock_commands_are_answered_with_the_problem_and_the_usage()
    {
        var (_, channel) = await _bot.DeclareAsync("sev2 Order from India --source regulator --market IN");

        Assert.Contains("There is no clock `ghost` on INC-1", await _bot.ReplyTextAsync("clock met ghost", channel), StringComparison.Ordinal);
        Assert.Contains("is negative", await _bot.ReplyTextAsync("clock start x -2h", channel), StringComparison.Ordinal);
        Assert.Contains("more than 90d", await _bot.ReplyTextAsync("clock start x 4000h", channel), StringComparison.Ordinal);
        Assert.Contains("not a known clock", await _bot.ReplyTextAsync("clock start made-up-clock", channel), StringComparison.Ordinal);
        Assert.Contains("in the future", await _bot.ReplyTextAsync("clock start x 1h --from 2026-03-03 10:00", channel), StringComparison.Ordinal);
        var refused = await _bot.ReplyTextAsync("clock pause in-takedown-order", channel);
        Assert.Contains("cannot be paused", refused, StringComparison.Ordinal);
        Assert.Contains("Usage: `/incident clock", await _bot.ReplyTextAsync("clock start x 1h --from whenever", channel), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_policy_starts_clocks_on_declare_and_the_pinned_summary_shows_their_deadlines()
    {
        var (_, channel) = await _bot.DeclareAsync("sev1 Government notice --source regulator --market IN");

        var list = await _bot.ReplyTextAsync("clock", channel);

        Assert.Contains("`in-takedown-order`", list, StringComparison.Ordinal);
        Assert.Contains("`regulator-ack`", list, StringComparison.Ordinal);
        // The summary shows them from its first post, or from the update after they started.
        await _bot.RunDueAsync();
        // A job thread may still be sending it when the due work is done.
        var summary = await _bot.Slack.WaitForAnyCallAsync(
            c => c.Method is "chat.postMessage" or "chat.update" && c.Arg("channel") == channel && c.Body.Contains("*Clocks*", StringComparison.Ordinal)
                 && c.Body.Contains("in-takedown-order", StringComparison.Ordinal), "summary with clocks");
        Assert.Contains("in-takedown-order", summary.Body, StringComparison.Ordinal);
        Assert.Contains("date^", summary.Body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_restricted_incidents_clock_alerts_stay_in_its_private_channel()
    {
        var (_, channel) = await _bot.DeclareAsync("sev1 Minor safety report --source internal --restricted");
        await _bot.CommandAsync("clock start child-safety-report 1h", channel);

        foreach (var minutes in (int[])[30, 15, 9, 6])
            await _bot.AdvanceAsync(TimeSpan.FromMinutes(minutes));

        await _bot.WaitForPostsAsync(channel, "child-safety-report", 4);
        var elsewhere = _bot.Slack.CallsTo("chat.postMessage").Where(c => c.Arg("channel") != channel && (c.Arg("text") ?? "").Contains("child-safety-report", StringComparison.Ordinal)).ToList();
        // Only the pages to the reporter leave the channel, and they carry no title.
        Assert.All(elsewhere, c => Assert.Equal(SlackRequests.User, c.Arg("channel")));
        Assert.All(elsewhere, c => Assert.DoesNotContain("Minor safety report", c.Arg("text"), StringComparison.Ordinal));
    }
}
