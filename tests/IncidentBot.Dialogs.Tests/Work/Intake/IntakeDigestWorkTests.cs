using IncidentBot.Dialogs.Incidents;
using IncidentBot.Dialogs.Intake;
using IncidentBot.Dialogs.Platform;
using IncidentBot.Dialogs.Rules;
using IncidentBot.Dialogs.Work;
using IncidentBot.Testing.Builders;
using IncidentBot.Testing.Hosts;

namespace IncidentBot.Dialogs.Tests.Work.Intake;

public sealed class IntakeDigestWorkTests : IAsyncLifetime
{
    private static readonly ChannelId Channel = new("C0INCIDENT");
    private readonly DialogsHost _host = new();

    public Task InitializeAsync() => Task.CompletedTask;

    public Task DisposeAsync() => _host.DisposeAsync().AsTask();

    [Fact]
    public async Task Posts_one_digest_of_the_reports_owed_and_records_it()
    {
        var incident = await ArrangeAsync(pendingFor: TimeSpan.FromMinutes(1));

        var outcome = await RunAsync(incident);

        var sent = Assert.Single(_host.Chat.Messages);
        Assert.Equal(nameof(IChatPlatform.PostAsync), sent.Method);
        Assert.Equal(Channel, sent.Channel);
        Assert.Contains("12", sent.Content, StringComparison.Ordinal);
        Assert.Null(outcome.RunAgainAt);
        var digest = await DigestAsync(incident);
        Assert.Null(digest.PendingSince);
        Assert.Equal(12, digest.PostedReportCount);
        Assert.Equal(_host.Clock.GetUtcNow(), digest.LastPostedAt);
    }

    [Fact]
    public async Task Running_twice_posts_nothing_more()
    {
        var incident = await ArrangeAsync(pendingFor: TimeSpan.FromMinutes(1));

        await RunAsync(incident);
        var second = await RunAsync(incident);

        Assert.Single(_host.Chat.Messages);
        Assert.Null(second.RunAgainAt);
    }

    [Fact]
    public async Task Running_hours_late_posts_one_digest_not_one_per_missed_interval()
    {
        var incident = await ArrangeAsync(pendingFor: TimeSpan.FromHours(6));

        await RunAsync(incident);

        Assert.Single(_host.Chat.Messages);
    }

    [Fact]
    public async Task A_report_owed_soon_after_a_digest_waits_for_the_interval_from_the_last_one()
    {
        var incident = await ArrangeAsync(pendingFor: TimeSpan.FromMinutes(1));
        await RunAsync(incident);
        var postedAt = _host.Clock.GetUtcNow();
        var stored = await _host.Documents.ReadAsync<IntakeDigest>(incident.WorkspaceId, IntakeDigest.IdFor(incident.Number), CancellationToken.None);
        _host.Clock.Advance(TimeSpan.FromSeconds(5));
        await _host.Documents.ReplaceAsync(stored!.Value with { PendingSince = _host.Clock.GetUtcNow() }, stored.ETag, CancellationToken.None);

        var outcome = await RunAsync(incident);

        Assert.Single(_host.Chat.Messages);
        Assert.Equal(postedAt + _host.Get<IncidentRules>().Intake.DigestInterval, outcome.RunAgainAt);
    }

    [Fact]
    public async Task A_round_keeps_the_next_digest_owed_while_reports_keep_coming_and_stops_after_a_quiet_interval()
    {
        // Joins this close to the one before them leave the digest alone (DigestCadence): the round must come back for them.
        var interval = _host.Get<IncidentRules>().Intake.DigestInterval;
        var incident = await ArrangeAsync(pendingFor: TimeSpan.FromMinutes(1), lastReportAgo: TimeSpan.FromSeconds(10));

        var first = await RunAsync(incident);

        Assert.Single(_host.Chat.Messages);
        Assert.Equal(_host.Clock.GetUtcNow() + interval, first.RunAgainAt);
        Assert.NotNull((await DigestAsync(incident)).PendingSince);

        _host.Clock.Advance(interval);
        var second = await RunAsync(incident);

        Assert.Single(_host.Chat.Messages); // nothing new to post
        Assert.Null(second.RunAgainAt);
        Assert.Null((await DigestAsync(incident)).PendingSince);
    }

    private Task<WorkOutcome> RunAsync(Incident incident) =>
        _host.RunAsync<IntakeDigestWork>(new WorkspaceId(incident.WorkspaceId), incident.Id);

    private async Task<IntakeDigest> DigestAsync(Incident incident) =>
        (await _host.Documents.ReadAsync<IntakeDigest>(incident.WorkspaceId, IntakeDigest.IdFor(incident.Number), CancellationToken.None))!.Value;

    private async Task<Incident> ArrangeAsync(TimeSpan pendingFor, TimeSpan? lastReportAgo = null)
    {
        var incident = new IncidentBuilder().WithSource(IncidentSource.Partner).WithChannel(Channel).WithStatus(IncidentStatus.Investigating).Build()
            with { ReportCount = 12, LastReportAt = _host.Clock.GetUtcNow() - lastReportAgo };
        await _host.Documents.CreateAsync(incident, CancellationToken.None);
        await _host.Documents.CreateAsync(new IntakeDigest
        {
            WorkspaceId = incident.WorkspaceId,
            IncidentNumber = incident.Number,
            PendingSince = _host.Clock.GetUtcNow() - pendingFor,
        }, CancellationToken.None);
        return incident;
    }
}
