using IncidentBot.Dialogs.Incidents;
using IncidentBot.Dialogs.Retention;
using IncidentBot.Dialogs.Storage;
using IncidentBot.Dialogs.Work;
using IncidentBot.Testing.Builders;
using IncidentBot.Testing.Hosts;

namespace IncidentBot.Dialogs.Tests.Work.Retention;

/// <summary>A declare receipt expires a day after it is written, unless its incident is under a legal hold.</summary>
public sealed class HoldSweepWorkTests : IAsyncLifetime
{
    private const string ReceiptId = "receipt-slack-trigger-1";
    private static readonly TimeSpan PastExpiry = TimeSpan.FromDays(2);
    private readonly DialogsHost _host = new();

    public Task InitializeAsync() => Task.CompletedTask;

    public Task DisposeAsync() => _host.DisposeAsync().AsTask();

    [Fact]
    public async Task After_a_hold_is_placed_documents_written_before_it_no_longer_expire()
    {
        var incident = await ArrangeAsync();
        await PlaceHoldAsync(incident);

        var outcome = await RunAsync(incident);
        _host.Clock.Advance(PastExpiry);

        Assert.Null(outcome.RunAgainAt);
        Assert.NotNull(await ReceiptAsync(incident));
    }

    [Fact]
    public async Task Without_the_sweep_they_would_expire()
    {
        var incident = await ArrangeAsync();
        await PlaceHoldAsync(incident);

        _host.Clock.Advance(PastExpiry);

        Assert.Null(await ReceiptAsync(incident));
    }

    [Fact]
    public async Task Running_twice_keeps_them_and_sends_nothing()
    {
        var incident = await ArrangeAsync();
        await PlaceHoldAsync(incident);

        await RunAsync(incident);
        await RunAsync(incident);
        _host.Clock.Advance(PastExpiry);

        Assert.NotNull(await ReceiptAsync(incident));
        Assert.Empty(_host.Chat.Calls);
    }

    [Fact]
    public async Task Running_hours_late_still_keeps_them()
    {
        var incident = await ArrangeAsync();
        await PlaceHoldAsync(incident);
        _host.Clock.Advance(TimeSpan.FromHours(20));

        await RunAsync(incident);
        _host.Clock.Advance(PastExpiry);

        Assert.NotNull(await ReceiptAsync(incident));
    }

    [Fact]
    public async Task After_the_hold_is_released_they_expire_again_counted_from_the_release()
    {
        var incident = await ArrangeAsync();
        await PlaceHoldAsync(incident);
        await RunAsync(incident);
        _host.Clock.Advance(PastExpiry);
        var held = await _host.Get<IncidentStore>().FindAsync(incident.Workspace(), incident.Key, CancellationToken.None);
        await _host.Documents.ReplaceAsync(held!.Value with { Hold = null }, held.ETag, CancellationToken.None);

        await RunAsync(incident);

        _host.Clock.Advance(TimeSpan.FromHours(20));
        Assert.NotNull(await ReceiptAsync(incident));
        _host.Clock.Advance(TimeSpan.FromHours(5));
        Assert.Null(await ReceiptAsync(incident));
    }

    private Task<WorkOutcome> RunAsync(Incident incident) =>
        _host.RunAsync<HoldSweepWork>(new WorkspaceId(incident.WorkspaceId), incident.Id);

    private async Task<DeclareReceipt?> ReceiptAsync(Incident incident) =>
        (await _host.Documents.ReadAsync<DeclareReceipt>(incident.WorkspaceId, ReceiptId, CancellationToken.None))?.Value;

    private async Task PlaceHoldAsync(Incident incident)
    {
        var stored = await _host.Get<IncidentStore>().FindAsync(incident.Workspace(), incident.Key, CancellationToken.None);
        await _host.Documents.ReplaceAsync(stored!.Value with { Hold = new IncidentHold(new UserId("U0LEGAL"), _host.Clock.GetUtcNow(), "Litigation") }, stored.ETag, CancellationToken.None);
    }

    private async Task<Incident> ArrangeAsync()
    {
        var incident = new IncidentBuilder().WithStatus(IncidentStatus.Resolved).Build();
        await _host.Documents.CreateAsync(incident, CancellationToken.None);
        await _host.Documents.CreateAsync(new DeclareReceipt
        {
            Id = ReceiptId,
            WorkspaceId = incident.WorkspaceId,
            ClaimedAt = _host.Clock.GetUtcNow(),
            IncidentNumber = incident.Number,
        }, CancellationToken.None);
        return incident;
    }
}
