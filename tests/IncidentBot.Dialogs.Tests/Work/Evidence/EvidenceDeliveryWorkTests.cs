using IncidentBot.Dialogs.Evidence;
using IncidentBot.Dialogs.Incidents;
using IncidentBot.Dialogs.Platform;
using IncidentBot.Dialogs.Work;
using IncidentBot.Testing.Builders;
using IncidentBot.Testing.Hosts;

namespace IncidentBot.Dialogs.Tests.Work.Evidence;

/// <summary>The package a member asked for with <c>evidence</c>: a direct message quoting the ledger head, then the zip in that conversation.</summary>
public sealed class EvidenceDeliveryWorkTests : IAsyncLifetime
{
    private static readonly UserId Outsider = new("U0OUTSIDER");
    private readonly DialogsHost _host = new();

    public Task InitializeAsync() => Task.CompletedTask;

    public Task DisposeAsync() => _host.DisposeAsync().AsTask();

    [Fact]
    public async Task Sends_the_member_an_introduction_then_the_zip_in_that_direct_conversation()
    {
        var request = await ArrangeAsync(IncidentBuilder.DefaultReporter);

        var outcome = await RunAsync(request);

        Assert.Null(outcome.RunAgainAt);
        Assert.Collection(_host.Chat.Calls,
            intro =>
            {
                Assert.Equal(nameof(IChatPlatform.SendDirectAsync), intro.Method);
                Assert.Equal(IncidentBuilder.DefaultReporter, intro.User);
                Assert.Contains(LedgerHash.Genesis, intro.Content, StringComparison.Ordinal); // no entries yet: the genesis head
            },
            upload =>
            {
                Assert.Equal(nameof(IChatPlatform.UploadFileAsync), upload.Method);
                Assert.Equal(new ChannelId("D" + IncidentBuilder.DefaultReporter.Value), upload.Channel);
                Assert.Equal("INC-42-evidence.zip", upload.Text);
            });
        var read = Assert.Single(await _host.Get<AuditLog>().ReadAllAsync(CancellationToken.None).ToListAsync());
        Assert.Equal(AuditRecord.RestrictedRead, read.Kind);
        Assert.Equal("slack:" + IncidentBuilder.DefaultReporter.Value, read.Actor);
    }

    [Fact]
    public async Task Running_twice_or_an_hour_late_sends_it_once()
    {
        var request = await ArrangeAsync(IncidentBuilder.DefaultReporter);
        _host.Clock.Advance(TimeSpan.FromHours(1));

        await RunAsync(request);
        await RunAsync(request);

        Assert.Single(_host.Chat.Calls, c => c.Method == nameof(IChatPlatform.UploadFileAsync));
    }

    [Fact]
    public async Task Someone_no_longer_a_member_when_it_runs_is_told_so_and_gets_no_file()
    {
        var request = await ArrangeAsync(Outsider);

        await RunAsync(request);

        var told = Assert.Single(_host.Chat.Calls);
        Assert.Equal(nameof(IChatPlatform.SendDirectAsync), told.Method);
        Assert.Contains("only its members can get its evidence package", told.Content, StringComparison.Ordinal);
        Assert.Empty(await _host.Get<AuditLog>().ReadAllAsync(CancellationToken.None).ToListAsync());
    }

    private Task<WorkOutcome> RunAsync(EvidenceRequest request) =>
        _host.RunAsync<EvidenceDeliveryWork>(new WorkspaceId(request.WorkspaceId), request.Id);

    private async Task<EvidenceRequest> ArrangeAsync(UserId requestedBy)
    {
        var incident = new IncidentBuilder().Restricted().Build();
        await _host.Documents.CreateAsync(incident, CancellationToken.None);
        var request = new EvidenceRequest
        {
            Id = "evidence-request-1",
            WorkspaceId = incident.WorkspaceId,
            Platform = PlatformId.Slack,
            Number = incident.Number,
            RequestedBy = requestedBy,
            RequestedAt = _host.Clock.GetUtcNow(),
        };
        await _host.Documents.CreateAsync(request, CancellationToken.None);
        return request;
    }
}
