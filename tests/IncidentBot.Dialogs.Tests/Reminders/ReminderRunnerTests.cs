using System.Globalization;
using IncidentBot.Dialogs.Incidents;
using IncidentBot.Dialogs.Platform;
using IncidentBot.Dialogs.Reminders;
using IncidentBot.Dialogs.StatusUpdates;
using IncidentBot.Dialogs.Storage;
using IncidentBot.Dialogs.Tests.Storage;
using IncidentBot.Dialogs.Work;
using IncidentBot.Testing.Builders;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

namespace IncidentBot.Dialogs.Tests.Reminders;

/// <summary>
/// The shared find–plan–deliver loop on the in-memory store, with an hourly plan from 09:00 and a
/// status-update timer as the document that records what went out.
/// </summary>
public sealed class ReminderRunnerTests
{
    private static readonly DateTimeOffset Start = IncidentBuilder.DefaultDeclaredAt;
    private static readonly ChannelId IncidentChannel = new("C0INCIDENT");
    private static readonly UserId Owner = new("U0OWNER");
    private static readonly Incident WithChannel = new IncidentBuilder().WithChannel(IncidentChannel).Build();
    private static readonly WorkspaceId Workspace = new(WithChannel.WorkspaceId);

    private readonly FakeTimeProvider _clock = new(Start);
    private readonly InMemoryDocumentStore _store = new();
    private readonly RecordingPlatform _platform = new();
    private readonly ReminderRunner _runner;

    public ReminderRunnerTests()
    {
        var delivery = new ReminderDelivery(new DocumentWriter(_store), _clock, NullLogger<ReminderDelivery>.Instance);
        _runner = new ReminderRunner(new ChatPlatforms([_platform]), delivery, _clock, NullLogger<ReminderRunner>.Instance);
    }

    [Fact]
    public async Task A_due_reminder_goes_to_the_incident_channel_and_the_run_comes_back_for_the_next()
    {
        await StoreTimerAsync();
        _clock.Advance(TimeSpan.FromHours(1));

        var outcome = await RunAsync(Hourly());

        Assert.Equal(WorkOutcome.RunAgain(Start.AddHours(2)), outcome);
        var post = Assert.Single(_platform.Posts);
        Assert.Equal((IncidentChannel, "r1 due 10:00, said 10:00"), (post.Channel, post.Message.Text.ToPlainText()));
        var sent = Assert.Single((await TimerAsync()).Deliveries);
        Assert.Equal(("r1", Start.AddHours(1), post.MessageId), (sent.Key, sent.SentAt, sent.MessageId));
    }

    [Fact]
    public async Task A_reminder_that_runs_twice_is_sent_once()
    {
        await StoreTimerAsync();
        _clock.Advance(TimeSpan.FromHours(1));

        var first = await RunAsync(Hourly());
        var second = await RunAsync(Hourly());

        Assert.Single(_platform.Posts);
        Assert.Equal(WorkOutcome.RunAgain(Start.AddHours(2)), first);
        Assert.Equal(first, second);
    }

    [Fact]
    public async Task A_run_hours_late_sends_one_reminder_and_plans_the_next_from_now()
    {
        await StoreTimerAsync();
        _clock.Advance(TimeSpan.FromHours(5.5)); // 14:30: r1 to r5 (10:00 to 14:00) were all missed

        var outcome = await RunAsync(Hourly());

        var post = Assert.Single(_platform.Posts);
        Assert.Equal("r5 due 14:00, said 14:30", post.Message.Text.ToPlainText());
        Assert.Equal(WorkOutcome.RunAgain(Start.AddHours(6)), outcome);
        var deliveries = (await TimerAsync()).Deliveries;
        Assert.Equal(["r1", "r2", "r3", "r4"], deliveries.Where(d => d.IsSkipped).Select(d => d.Key));
        Assert.Equal("r5", Assert.Single(deliveries, d => d.SentAt is not null).Key);
    }

    [Fact]
    public async Task After_a_late_run_the_missed_reminders_stay_unsent()
    {
        await StoreTimerAsync();
        _clock.Advance(TimeSpan.FromHours(5.5));
        await RunAsync(Hourly());

        _clock.Advance(TimeSpan.FromMinutes(30)); // 15:00: r6 is due
        var outcome = await RunAsync(Hourly());

        Assert.Equal(["r5 due 14:00, said 14:30", "r6 due 15:00, said 15:00"], _platform.Posts.Select(p => p.Message.Text.ToPlainText()));
        Assert.Equal(WorkOutcome.RunAgain(Start.AddHours(7)), outcome);
    }

    [Fact]
    public async Task A_run_before_anything_is_due_sends_nothing_and_comes_back_when_it_is()
    {
        await StoreTimerAsync();
        var writes = _store.Writes;

        var outcome = await RunAsync(Hourly());

        Assert.Equal(WorkOutcome.RunAgain(Start.AddHours(1)), outcome);
        Assert.Empty(_platform.Posts);
        Assert.Equal(writes, _store.Writes);
    }

    [Fact]
    public async Task The_last_reminder_of_a_plan_ends_the_work()
    {
        await StoreTimerAsync();
        _clock.Advance(TimeSpan.FromHours(1));

        var outcome = await RunAsync(Hourly().Take(1));

        Assert.Equal(WorkOutcome.Done, outcome);
        Assert.Single(_platform.Posts);
    }

    [Fact]
    public async Task A_direct_reminder_goes_to_the_person_even_before_the_incident_has_a_channel()
    {
        await StoreTimerAsync();
        _clock.Advance(TimeSpan.FromHours(1));

        var outcome = await RunAsync(Hourly(), ReminderRecipient.Direct(Owner), new IncidentBuilder().Build());

        Assert.Equal(WorkOutcome.RunAgain(Start.AddHours(2)), outcome);
        Assert.Empty(_platform.Posts);
        var dm = Assert.Single(_platform.Directs);
        Assert.Equal((Owner, "r1 due 10:00, said 10:00"), (dm.User, dm.Message.Text.ToPlainText()));
    }

    [Fact]
    public async Task A_channel_reminder_waits_for_the_channel_without_claiming_anything()
    {
        await StoreTimerAsync();
        _clock.Advance(TimeSpan.FromHours(1));

        var outcome = await RunAsync(Hourly(), ReminderRecipient.IncidentChannel, new IncidentBuilder().Build());

        Assert.Equal(WorkOutcome.RunAgain(Start.AddHours(1) + ReminderRunner.ChannelWait), outcome);
        Assert.Empty(_platform.Posts);
        Assert.Empty((await TimerAsync()).Deliveries);
    }

    [Fact]
    public async Task A_fresh_claim_of_another_run_sends_nothing_and_comes_back_when_it_expires()
    {
        _clock.Advance(TimeSpan.FromHours(1));
        var claimedAt = _clock.GetUtcNow().AddSeconds(-30);
        await StoreTimerAsync([new SentReminder { Key = "r1", PlannedAt = Start.AddHours(1), ClaimedAt = claimedAt }]);

        var outcome = await RunAsync(Hourly());

        Assert.Equal(WorkOutcome.RunAgain(claimedAt + ReminderDelivery.ClaimTimeout), outcome);
        Assert.Empty(_platform.Posts);
    }

    [Fact]
    public async Task A_claim_older_than_the_timeout_belongs_to_a_dead_run_and_is_taken_over()
    {
        _clock.Advance(TimeSpan.FromHours(1));
        await StoreTimerAsync([new SentReminder { Key = "r1", PlannedAt = Start.AddHours(1), ClaimedAt = _clock.GetUtcNow() }]);
        _clock.Advance(ReminderDelivery.ClaimTimeout);

        var outcome = await RunAsync(Hourly());

        Assert.Equal(WorkOutcome.RunAgain(Start.AddHours(2)), outcome);
        Assert.Equal("r1 due 10:00, said 10:02", Assert.Single(_platform.Posts).Message.Text.ToPlainText());
    }

    [Fact]
    public async Task A_failed_send_releases_its_claim_so_the_retry_sends_at_once()
    {
        await StoreTimerAsync();
        _clock.Advance(TimeSpan.FromHours(1));
        _platform.FailNextSend = true;

        await Assert.ThrowsAsync<HttpRequestException>(() => RunAsync(Hourly()));
        Assert.Empty((await TimerAsync()).Deliveries);
        var retry = await RunAsync(Hourly());

        Assert.Equal(WorkOutcome.RunAgain(Start.AddHours(2)), retry);
        Assert.Single(_platform.Posts);
    }

    [Fact]
    public async Task A_document_changed_between_reading_and_claiming_is_read_again_and_sent_once()
    {
        await StoreTimerAsync();
        _clock.Advance(TimeSpan.FromHours(1));
        var loads = 0;

        var outcome = await _runner.RunAsync<StatusUpdateTimer>("test", Workspace, async ct =>
        {
            var round = await ReadyAsync(Hourly(), ReminderRecipient.IncidentChannel, WithChannel, ct);
            if (++loads == 1)
            {
                // Another writer changes the timer after this run read it: the claim's ETag no longer matches.
                var timer = round.Document!;
                await _store.ReplaceAsync(timer.Value, timer.ETag, ct);
            }
            return round;
        }, CancellationToken.None);

        Assert.Equal(2, loads);
        Assert.Equal(WorkOutcome.RunAgain(Start.AddHours(2)), outcome);
        Assert.Single(_platform.Posts);
    }

    [Fact]
    public async Task A_round_that_is_over_ends_the_work_without_sending()
    {
        var outcome = await _runner.RunAsync("test", Workspace, _ => Task.FromResult(ReminderRound<StatusUpdateTimer>.Over), CancellationToken.None);

        Assert.Equal(WorkOutcome.Done, outcome);
        Assert.Empty(_platform.Posts);
    }

    [Fact]
    public async Task A_claim_that_lost_a_race_loads_the_round_again()
    {
        await StoreTimerAsync();
        _clock.Advance(TimeSpan.FromHours(1));
        var loads = 0;

        var outcome = await _runner.RunAsync<StatusUpdateTimer>("test", Workspace, async ct =>
        {
            var round = await ReadyAsync(Hourly(), ReminderRecipient.IncidentChannel, WithChannel, ct);
            if (++loads == 1)
                await TouchTimerAsync(ct); // another writer moves the timer between this look and the claim
            return round;
        }, CancellationToken.None);

        Assert.Equal(2, loads);
        Assert.Equal(WorkOutcome.RunAgain(Start.AddHours(2)), outcome);
        Assert.Single(_platform.Posts);
    }

    [Fact]
    public async Task A_claim_that_keeps_losing_races_gives_up_after_the_writers_attempts_and_comes_back_at_once()
    {
        await StoreTimerAsync();
        _clock.Advance(TimeSpan.FromHours(1));
        var loads = 0;

        var outcome = await _runner.RunAsync<StatusUpdateTimer>("test", Workspace, async ct =>
        {
            loads++;
            var round = await ReadyAsync(Hourly(), ReminderRecipient.IncidentChannel, WithChannel, ct);
            await TouchTimerAsync(ct);
            return round;
        }, CancellationToken.None);

        Assert.Equal(DocumentWriter.MaxAttempts, loads);
        Assert.Equal(WorkOutcome.RunAgain(Start.AddHours(1)), outcome);
        Assert.Empty(_platform.Posts);
    }

    private async Task TouchTimerAsync(CancellationToken cancellationToken)
    {
        var timer = await _store.ReadAsync<StatusUpdateTimer>(Workspace.Value, StatusUpdateTimer.IdFor(WithChannel.Number), cancellationToken);
        await _store.ReplaceAsync(timer!.Value, timer.ETag, cancellationToken);
    }

    private static IEnumerable<PlannedReminder> Hourly()
    {
        for (var n = 1; ; n++)
            yield return new PlannedReminder(string.Create(CultureInfo.InvariantCulture, $"r{n}"), Start.AddHours(n));
    }

    private Task<WorkOutcome> RunAsync(IEnumerable<PlannedReminder> plan, ReminderRecipient? recipient = null, Incident? incident = null) =>
        _runner.RunAsync("test", Workspace,
            ct => ReadyAsync(plan, recipient ?? ReminderRecipient.IncidentChannel, incident ?? WithChannel, ct), CancellationToken.None);

    private async Task<ReminderRound<StatusUpdateTimer>> ReadyAsync(
        IEnumerable<PlannedReminder> plan, ReminderRecipient recipient, Incident incident, CancellationToken cancellationToken)
    {
        var timer = await _store.ReadAsync<StatusUpdateTimer>(Workspace.Value, StatusUpdateTimer.IdFor(incident.Number), cancellationToken)
            ?? throw new InvalidOperationException("The test stores the timer first.");
        return ReminderRound<StatusUpdateTimer>.Ready(incident, timer, plan, recipient,
            (due, now) => ChatMessage.Plain(RichText.Text(string.Create(CultureInfo.InvariantCulture, $"{due.Latest.Key} due {due.Latest.At:HH:mm}, said {now:HH:mm}"))));
    }

    private Task<string> StoreTimerAsync(IReadOnlyList<SentReminder>? deliveries = null) =>
        _store.CreateAsync(new StatusUpdateTimer { WorkspaceId = Workspace.Value, IncidentNumber = WithChannel.Number, Deliveries = deliveries ?? [] }, CancellationToken.None);

    private async Task<StatusUpdateTimer> TimerAsync() =>
        (await _store.ReadAsync<StatusUpdateTimer>(Workspace.Value, StatusUpdateTimer.IdFor(WithChannel.Number), CancellationToken.None))!.Value;

    private sealed record Post(ChannelId Channel, ChatMessage Message, string MessageId);

    private sealed record Direct(UserId User, ChatMessage Message, string MessageId);

    /// <summary>Records what the runner sends; the runner only posts to channels and sends direct messages.</summary>
    private sealed class RecordingPlatform : IChatPlatform
    {
        private int _sent;

        public List<Post> Posts { get; } = [];

        public List<Direct> Directs { get; } = [];

        public bool FailNextSend { get; set; }

        public PlatformId Name => PlatformId.Slack;

        public ChannelId? AnnouncementChannel => null;

        public Task<MessageRef> PostAsync(WorkspaceId workspace, ChannelId channel, ChatMessage message, CancellationToken cancellationToken, string? sendKey = null)
        {
            var id = NextMessageId();
            Posts.Add(new Post(channel, message, id));
            return Task.FromResult(new MessageRef(channel, id));
        }

        public Task<MessageRef> SendDirectAsync(WorkspaceId workspace, UserId user, ChatMessage message, CancellationToken cancellationToken)
        {
            var id = NextMessageId();
            Directs.Add(new Direct(user, message, id));
            return Task.FromResult(new MessageRef(new ChannelId("D" + user.Value), id));
        }

        public Task<ChannelRef> CreateChannelAsync(WorkspaceId workspace, string name, bool isPrivate, CancellationToken cancellationToken) => throw Unused();

        public Task<IReadOnlyCollection<UserId>> InviteAsync(WorkspaceId workspace, ChannelId channel, IReadOnlyCollection<UserId> users, CancellationToken cancellationToken) => throw Unused();

        public Task UpdateAsync(WorkspaceId workspace, MessageRef message, ChatMessage replacement, CancellationToken cancellationToken) => throw Unused();

        public Task PinAsync(WorkspaceId workspace, MessageRef message, CancellationToken cancellationToken) => throw Unused();

        public Task SetTopicAsync(WorkspaceId workspace, ChannelId channel, string topic, CancellationToken cancellationToken) => throw Unused();

        public Task PostPrivatelyAsync(WorkspaceId workspace, ChannelId channel, UserId user, ChatMessage message, CancellationToken cancellationToken) => throw Unused();

        public Task<bool> ReplyAsync(WorkspaceId workspace, string replyAddress, ChatMessage message, CancellationToken cancellationToken, bool replacesAnswer = false) => throw Unused();

        public Task<ChatUser?> GetUserAsync(WorkspaceId workspace, UserId user, CancellationToken cancellationToken) => throw Unused();

        public Task<UserId?> FindUserByEmailAsync(WorkspaceId workspace, string email, CancellationToken cancellationToken) => throw Unused();

        public Task<FetchedMessage?> FetchMessageAsync(WorkspaceId workspace, MessageRef message, CancellationToken cancellationToken) => throw Unused();

        private string NextMessageId()
        {
            if (FailNextSend)
            {
                FailNextSend = false;
                throw new HttpRequestException("The platform is unavailable.");
            }
            return string.Create(CultureInfo.InvariantCulture, $"1700000000.{++_sent:D6}");
        }

        private static NotSupportedException Unused() => new("The reminder runner only posts to channels and sends direct messages.");
    }
}
