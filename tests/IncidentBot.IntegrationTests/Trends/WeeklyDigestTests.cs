using IncidentBot.Dialogs.Incidents;
using IncidentBot.Dialogs.Platform;
using IncidentBot.Dialogs.Trends;
using IncidentBot.Dialogs.Work;
using IncidentBot.IntegrationTests.Bot;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace IncidentBot.IntegrationTests.Trends;

/// <summary>
/// The weekly digest, with the policy's day, time and zone (Monday 09:00 in Kathmandu, UTC+05:45 =
/// 03:15 UTC): a stored timer per workspace, posted once per week to the announcement channel.
/// </summary>
public sealed class WeeklyDigestTests : SlackBotFixture
{
    private readonly string _policyFile = Path.Combine(Path.GetTempPath(), "incidentbot-tests", Guid.NewGuid().ToString("N") + "-policies.yaml");
    private readonly FakeTimeProvider _clock = new(TrendDataSet.Now); // Saturday 21 November 12:00 UTC

    protected override BotHostOptions BotOptions => new() { Clock = _clock, Settings = new Dictionary<string, string?> { ["Policies:ConfigPath"] = _policyFile } };

    public override async Task InitializeAsync()
    {
        Directory.CreateDirectory(Path.GetDirectoryName(_policyFile)!);
        await File.WriteAllTextAsync(_policyFile, "digest:\n  day: mon\n  time: \"09:00\"\n  timeZone: Asia/Kathmandu\n  by: market\n");
        await base.InitializeAsync();
    }

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        File.Delete(_policyFile);
    }

    private async Task<string> WorkspaceWithTimerAsync()
    {
        var workspace = BotFixture.NewTeam();
        await TrendDataSet.SeedAsync(Bot.Documents, workspace, default);
        await Bot.Services.GetRequiredService<WorkspaceRegistry>().EnsureAsync(new WorkspaceId(workspace), PlatformId.Slack, default);
        await Bot.Services.GetRequiredService<DigestScheduler>().EnsureAllAsync(default);
        return workspace;
    }

    private IReadOnlyList<SlackApiCall> DigestPosts() =>
        [.. Slack.CallsTo("chat.postMessage").Where(c => c.Arg("channel") == BotApplication.AnnouncementChannel
            && (c.Arg("text") ?? "").Contains("Weekly incident digest", StringComparison.Ordinal))];

    [Fact]
    public async Task The_timer_waits_for_monday_nine_in_the_policy_zone()
    {
        var workspace = await WorkspaceWithTimerAsync();

        var item = await Bot.Services.GetRequiredService<WorkQueue>().FindAsync(new(workspace), WeeklyDigestWork.WorkKind, WeeklyDigestWork.Target, default);

        Assert.Equal(new DateTimeOffset(2026, 11, 23, 3, 15, 0, TimeSpan.Zero), item!.DueAt);
        await Bot.RunDueWorkAsync();
        Assert.Empty(DigestPosts());
    }

    [Fact]
    public async Task At_the_posting_time_the_last_seven_days_go_to_the_announcement_channel_once_with_the_chart()
    {
        await WorkspaceWithTimerAsync();
        _clock.SetUtcNow(new DateTimeOffset(2026, 11, 23, 3, 15, 0, TimeSpan.Zero));

        await Bot.RunDueWorkAsync();
        await Bot.RunDueWorkAsync();

        var post = Assert.Single(DigestPosts());
        Assert.Contains("by market", post.Arg("text"), StringComparison.Ordinal);
        Assert.Contains("1 incident ", post.Arg("text"), StringComparison.Ordinal); // INC-4 of 20 November only
        var upload = await Bot.WaitForSlackAsync("files.completeUploadExternal", c => c.Arg("channel_id") == BotApplication.AnnouncementChannel);
        Assert.NotNull(upload);
    }

    [Fact]
    public async Task The_next_week_brings_the_next_digest_and_missed_weeks_are_not_all_sent()
    {
        await WorkspaceWithTimerAsync();
        _clock.SetUtcNow(new DateTimeOffset(2026, 11, 23, 3, 15, 0, TimeSpan.Zero));
        await Bot.RunDueWorkAsync();

        _clock.SetUtcNow(new DateTimeOffset(2026, 12, 14, 4, 0, 0, TimeSpan.Zero)); // three Mondays later
        await Bot.RunDueWorkAsync();

        Assert.Equal(2, DigestPosts().Count);
    }
}
