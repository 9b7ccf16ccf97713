using IncidentBot.Dialogs.Incidents;
using IncidentBot.Dialogs.Platform;
using IncidentBot.Dialogs.Work;
using IncidentBot.Testing.Hosts;

namespace IncidentBot.Dialogs.Tests.Work.Platform;

public sealed class OutgoingMessageWorkTests : IAsyncLifetime
{
    private static readonly WorkspaceId Workspace = new("T0WORKSPACE");
    private static readonly ChannelId Channel = new("C0INCIDENT");
    private readonly DialogsHost _host = new();

    public Task InitializeAsync() => Task.CompletedTask;

    public Task DisposeAsync() => _host.DisposeAsync().AsTask();

    [Fact]
    public async Task Posts_the_stored_message_once_and_forgets_it()
    {
        var id = await StoreAsync();

        var outcome = await RunAsync(id);

        var sent = Assert.Single(_host.Chat.Messages);
        Assert.Equal(nameof(IChatPlatform.PostAsync), sent.Method);
        Assert.Equal(Channel, sent.Channel);
        Assert.Contains("INC-42 is now SEV1", sent.Content, StringComparison.Ordinal);
        Assert.Null(outcome.RunAgainAt);
        Assert.Null(await _host.Documents.ReadAsync<OutgoingMessage>(Workspace.Value, id, CancellationToken.None));
    }

    [Fact]
    public async Task Running_twice_posts_nothing_more()
    {
        var id = await StoreAsync();

        await RunAsync(id);
        var second = await RunAsync(id);

        Assert.Single(_host.Chat.Messages);
        Assert.Null(second.RunAgainAt);
    }

    [Fact]
    public async Task Running_an_hour_late_posts_it_once()
    {
        var id = await StoreAsync();
        _host.Clock.Advance(TimeSpan.FromHours(1));

        await RunAsync(id);

        Assert.Single(_host.Chat.Messages);
    }

    [Fact]
    public async Task A_message_another_run_is_sending_is_left_to_it_and_looked_at_again_when_its_claim_runs_out()
    {
        var id = await StoreAsync();
        var stored = await _host.Documents.ReadAsync<OutgoingMessage>(Workspace.Value, id, CancellationToken.None);
        await _host.Documents.ReplaceAsync(stored!.Value with { SendingSince = _host.Clock.GetUtcNow() }, stored.ETag, CancellationToken.None);

        var outcome = await RunAsync(id);

        Assert.Empty(_host.Chat.Messages);
        Assert.Equal(_host.Clock.GetUtcNow() + OutgoingMessageWork.ClaimTimeout, outcome.RunAgainAt);

        _host.Clock.Advance(OutgoingMessageWork.ClaimTimeout);
        await RunAsync(id);

        Assert.Single(_host.Chat.Messages);
    }

    [Fact]
    public async Task A_message_with_a_reply_address_goes_through_it_and_nowhere_else()
    {
        await _host.Get<Outbox>().SendAsync(Workspace, PlatformId.Slack, "reply-1", Channel, new UserId("U0ASKER"), ChatMessage.Plain(RichText.Text("INC-42 is now SEV1")),
            CancellationToken.None, replyAddress: "https://hooks.slack.test/actions/1");

        await RunAsync("out-reply-1");

        var sent = Assert.Single(_host.Chat.Messages);
        Assert.Equal(nameof(IChatPlatform.ReplyAsync), sent.Method);
    }

    private async Task<string> StoreAsync()
    {
        await _host.Get<Outbox>().SendAsync(Workspace, PlatformId.Slack, "sev-change-1", Channel, null, ChatMessage.Plain(RichText.Text("INC-42 is now SEV1")), CancellationToken.None);
        return "out-sev-change-1";
    }

    private Task<WorkOutcome> RunAsync(string id) => _host.RunAsync<OutgoingMessageWork>(Workspace, id);
}
