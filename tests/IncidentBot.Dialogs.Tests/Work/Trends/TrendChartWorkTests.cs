using IncidentBot.Dialogs.Incidents;
using IncidentBot.Dialogs.Platform;
using IncidentBot.Dialogs.Trends;
using IncidentBot.Dialogs.Work;
using IncidentBot.Testing.Builders;
using IncidentBot.Testing.Hosts;
using IncidentBot.Trends;
using Microsoft.Extensions.DependencyInjection;

namespace IncidentBot.Dialogs.Tests.Work.Trends;

public sealed class TrendChartWorkTests : IAsyncLifetime
{
    private static readonly ChannelId Channel = new("C0TRENDS");
    private readonly DialogsHost _host = new(services => services.AddTrends());

    public Task InitializeAsync() => Task.CompletedTask;

    public Task DisposeAsync() => _host.DisposeAsync().AsTask();

    [Fact]
    public async Task Shares_the_requested_chart_in_the_channel_once()
    {
        var request = await ArrangeAsync();

        var outcome = await RunAsync(request);

        Assert.Null(outcome.RunAgainAt);
        var shared = Assert.Single(_host.Chat.Calls);
        Assert.Equal(nameof(IChatPlatform.UploadFileAsync), shared.Method);
        Assert.Equal(Channel, shared.Channel);
        Assert.Contains("30d", shared.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Running_twice_shares_it_once()
    {
        var request = await ArrangeAsync();

        await RunAsync(request);
        await RunAsync(request);

        Assert.Single(_host.Chat.Calls);
    }

    [Fact]
    public async Task Running_an_hour_late_shares_it_once()
    {
        var request = await ArrangeAsync();
        _host.Clock.Advance(TimeSpan.FromHours(1));

        await RunAsync(request);
        await RunAsync(request);

        Assert.Single(_host.Chat.Calls);
    }

    private Task<WorkOutcome> RunAsync(TrendChartRequest request) =>
        _host.RunAsync<TrendChartWork>(new WorkspaceId(request.WorkspaceId), request.Id);

    private async Task<TrendChartRequest> ArrangeAsync()
    {
        var incident = new IncidentBuilder().WithStatus(IncidentStatus.Resolved).Build();
        await _host.Documents.CreateAsync(incident, CancellationToken.None);
        var now = _host.Clock.GetUtcNow();
        var request = new TrendChartRequest
        {
            Id = "stats-1",
            WorkspaceId = incident.WorkspaceId,
            Platform = PlatformId.Slack,
            Channel = Channel,
            RequestedBy = new UserId("U0ANALYST"),
            RequestedAt = now,
            From = now.AddDays(-30),
            To = now,
            Cut = TrendCut.Source,
            Days = 30,
        };
        await _host.Documents.CreateAsync(request, CancellationToken.None);
        return request;
    }
}
