using IncidentBot.Dialogs.Incidents;
using IncidentBot.Dialogs.Platform;
using IncidentBot.Dialogs.PostMortems;
using IncidentBot.Dialogs.Work;
using IncidentBot.Testing.Builders;
using IncidentBot.Testing.Hosts;

namespace IncidentBot.Dialogs.Tests.Work.PostMortems;

public sealed class PostMortemUploadWorkTests : IAsyncLifetime
{
    private static readonly ChannelId Channel = new("C0INCIDENT");
    private readonly DialogsHost _host = new();

    public Task InitializeAsync() => Task.CompletedTask;

    public Task DisposeAsync() => _host.DisposeAsync().AsTask();

    [Fact]
    public async Task Uploads_the_draft_to_the_incident_channel_once()
    {
        var incident = await ArrangeAsync();

        var outcome = await RunAsync(incident);

        Assert.Null(outcome.RunAgainAt);
        var upload = Assert.Single(_host.Chat.Calls);
        Assert.Equal(nameof(IChatPlatform.UploadFileAsync), upload.Method);
        Assert.Equal(Channel, upload.Channel);
        Assert.Contains("42", upload.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Running_twice_uploads_once()
    {
        var incident = await ArrangeAsync();

        await RunAsync(incident);
        var second = await RunAsync(incident);

        Assert.Single(_host.Chat.Calls);
        Assert.Null(second.RunAgainAt);
    }

    [Fact]
    public async Task Running_a_day_late_uploads_once()
    {
        var incident = await ArrangeAsync();
        _host.Clock.Advance(TimeSpan.FromDays(1));

        await RunAsync(incident);
        await RunAsync(incident);

        Assert.Single(_host.Chat.Calls);
    }

    [Fact]
    public async Task Without_a_channel_yet_it_waits_for_one_rather_than_give_up()
    {
        var incident = await ArrangeAsync(withChannel: false);

        var outcome = await RunAsync(incident);

        Assert.Empty(_host.Chat.Calls);
        Assert.NotNull(outcome.RunAgainAt);
        Assert.True(outcome.RunAgainAt > _host.Clock.GetUtcNow());
    }

    private Task<WorkOutcome> RunAsync(Incident incident) =>
        _host.RunAsync<PostMortemUploadWork>(new WorkspaceId(incident.WorkspaceId), incident.Id);

    private async Task<Incident> ArrangeAsync(bool withChannel = true)
    {
        var builder = new IncidentBuilder().WithSeverity(Severity.Sev2).WithStatus(IncidentStatus.Resolved);
        var incident = withChannel ? builder.WithChannel(Channel).Build() : builder.Build();
        await _host.Documents.CreateAsync(incident, CancellationToken.None);
        await _host.Documents.CreateAsync(new PostMortemUploadRequest
        {
            WorkspaceId = incident.WorkspaceId,
            IncidentNumber = incident.Number,
            RequestedAt = _host.Clock.GetUtcNow(),
            RequestedBy = new UserId("U0LEAD"),
        }, CancellationToken.None);
        return incident;
    }
}
