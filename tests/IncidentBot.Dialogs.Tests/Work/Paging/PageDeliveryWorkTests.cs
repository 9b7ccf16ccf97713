using IncidentBot.Dialogs.Incidents;
using IncidentBot.Dialogs.Paging;
using IncidentBot.Dialogs.Platform;
using IncidentBot.Dialogs.Storage;
using IncidentBot.Dialogs.Work;
using IncidentBot.Testing.Hosts;

namespace IncidentBot.Dialogs.Tests.Work.Paging;

public sealed class PageDeliveryWorkTests : IAsyncLifetime
{
    private readonly DialogsHost _host = new();

    public Task InitializeAsync() => Task.CompletedTask;

    public Task DisposeAsync() => _host.DisposeAsync().AsTask();

    [Fact]
    public async Task Sends_the_paged_person_one_direct_message_and_records_it_on_the_page()
    {
        var page = await PagedIncident.ArrangeAsync(_host);

        var outcome = await RunAsync(page);

        var sent = Assert.Single(_host.Chat.Messages);
        Assert.Equal(nameof(IChatPlatform.SendDirectAsync), sent.Method);
        Assert.Equal(PagedIncident.OnCall, sent.User);
        Assert.Contains("INC-42", sent.Content, StringComparison.Ordinal);
        Assert.Null(outcome.RunAgainAt);
        var stored = await _host.Get<PageStore>().FindAsync(page.Workspace(), page.Id, CancellationToken.None);
        Assert.Equal(sent.MessageId, Assert.Single(stored!.Value.Targets).Message?.MessageId);
    }

    [Fact]
    public async Task Running_twice_sends_nothing_more()
    {
        var page = await PagedIncident.ArrangeAsync(_host);

        await RunAsync(page);
        var second = await RunAsync(page);

        Assert.Single(_host.Chat.Messages);
        Assert.Null(second.RunAgainAt);
    }

    [Fact]
    public async Task Running_an_hour_late_still_sends_one_message()
    {
        var page = await PagedIncident.ArrangeAsync(_host);
        _host.Clock.Advance(TimeSpan.FromHours(1));

        await RunAsync(page);

        Assert.Single(_host.Chat.Messages);
    }

    [Fact]
    public async Task An_acknowledged_page_updates_the_message_already_sent_rather_than_post_again()
    {
        var page = await PagedIncident.ArrangeAsync(_host);
        await RunAsync(page);
        var pages = _host.Get<PageStore>();
        var stored = await pages.FindAsync(page.Workspace(), page.Id, CancellationToken.None);
        await pages.ReplaceAsync(stored!.Value with { Status = PageStatus.Acknowledged, AcknowledgedBy = PagedIncident.OnCall, EscalateAt = null }, stored.ETag, CancellationToken.None);

        await RunAsync(page);

        Assert.Equal([nameof(IChatPlatform.SendDirectAsync), nameof(IChatPlatform.UpdateAsync)], _host.Chat.Messages.Select(m => m.Method));
        Assert.Equal(_host.Chat.Messages[0].MessageId, _host.Chat.Messages[1].MessageId);
    }

    private Task<WorkOutcome> RunAsync(Page page) =>
        _host.RunAsync<PageDeliveryWork>(new WorkspaceId(page.WorkspaceId), page.Id);
}
