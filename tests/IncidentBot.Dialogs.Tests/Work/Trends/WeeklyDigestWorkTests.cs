using IncidentBot.Dialogs.Incidents;
using IncidentBot.Dialogs.Platform;
using IncidentBot.Dialogs.Rules;
using IncidentBot.Dialogs.Trends;
using IncidentBot.Dialogs.Work;
using IncidentBot.Testing.Hosts;
using IncidentBot.Trends;
using Microsoft.Extensions.DependencyInjection;

namespace IncidentBot.Dialogs.Tests.Work.Trends;

/// <summary>The digest goes out on Mondays at 09:00 UTC; the host's clock starts on Tuesday 3 March 2026.</summary>
public sealed class WeeklyDigestWorkTests : IAsyncLifetime
{
    private static readonly WorkspaceId Workspace = new("T0WORKSPACE");
    private static readonly ChannelId Announcements = new("C0ANNOUNCE");
    private static readonly DateTimeOffset FirstMonday = new(2026, 3, 9, 9, 0, 0, TimeSpan.Zero);
    private readonly DialogsHost _host = new(services => services.AddTrends()
        .AddSingleton(new IncidentRules { Digest = new DigestRules { IsEnabled = true, Zone = TimeZoneInfo.Utc } }));

    public WeeklyDigestWorkTests() => _host.Chat.AnnouncementChannel = Announcements;

    public async Task InitializeAsync() =>
        await _host.Documents.CreateAsync(new TrendDigest { WorkspaceId = Workspace.Value, Platform = PlatformId.Slack, StartedAt = _host.Clock.GetUtcNow() }, CancellationToken.None);

    public Task DisposeAsync() => _host.DisposeAsync().AsTask();

    [Fact]
    public async Task Before_monday_it_posts_nothing_and_sleeps_until_the_posting_time()
    {
        var outcome = await RunAsync();

        Assert.Empty(_host.Chat.Calls);
        Assert.Equal(FirstMonday, outcome.RunAgainAt);
    }

    [Fact]
    public async Task On_monday_it_shares_the_week_in_the_announcement_channel_once_and_plans_next_monday()
    {
        _host.Clock.SetUtcNow(FirstMonday);

        var outcome = await RunAsync();

        Assert.NotEmpty(_host.Chat.Calls);
        Assert.All(_host.Chat.Calls, c => Assert.Equal(Announcements, c.Channel));
        Assert.Equal(FirstMonday.AddDays(7), outcome.RunAgainAt);
    }

    [Fact]
    public async Task Running_twice_shares_nothing_more()
    {
        _host.Clock.SetUtcNow(FirstMonday);

        await RunAsync();
        var calls = _host.Chat.Calls.Count;
        var second = await RunAsync();

        Assert.Equal(calls, _host.Chat.Calls.Count);
        Assert.Equal(FirstMonday.AddDays(7), second.RunAgainAt);
    }

    [Fact]
    public async Task Running_three_weeks_late_shares_one_digest_and_plans_the_next_monday_from_now()
    {
        _host.Clock.SetUtcNow(FirstMonday);
        await RunAsync();
        var oneDigest = _host.Chat.Calls.Count;
        _host.Clock.SetUtcNow(FirstMonday.AddDays(21).AddHours(2));

        var outcome = await RunAsync();

        Assert.Equal(2 * oneDigest, _host.Chat.Calls.Count);
        Assert.Equal(FirstMonday.AddDays(28), outcome.RunAgainAt);
    }

    private Task<WorkOutcome> RunAsync() => _host.RunAsync<WeeklyDigestWork>(Workspace, WeeklyDigestWork.Target);
}
