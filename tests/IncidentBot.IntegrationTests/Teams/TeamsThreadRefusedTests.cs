using System.Net;
using IncidentBot.Dialogs.Channels;
using IncidentBot.Dialogs.Incidents;
using IncidentBot.Dialogs.Storage;
using IncidentBot.Dialogs.Work;
using IncidentBot.IntegrationTests.Bot;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;
using static IncidentBot.Testing.Builders.TeamsActivities;

namespace IncidentBot.IntegrationTests.Teams;

/// <summary>
/// The incidents channel is missing: the Bot Connector answers 500 <c>ConversationNotFound</c> to
/// every new thread, as it did in the Agents Playground with no incidents channel.
/// </summary>
public sealed class TeamsThreadRefusedTests : IAsyncLifetime
{
    private const string Refusal = "could not open its channel";
    private FakeBotConnector _connector = null!;
    private TeamsBotApplication _bot = null!;
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 3, 2, 9, 0, 0, TimeSpan.Zero));
    private readonly string _database = BotApplication.NewDatabasePath();

    public async Task InitializeAsync()
    {
        _connector = await FakeBotConnector.StartAsync();
        _connector.RemoveChannel(IncidentsChannel);
        _bot = new TeamsBotApplication(_connector, _database, clock: _clock);
        _bot.Start();
    }

    public async Task DisposeAsync()
    {
        await _bot.DisposeAsync();
        await _connector.DisposeAsync();
        BotApplication.DeleteDatabase(_database);
    }

    [Fact]
    public async Task A_refused_thread_is_logged_told_once_to_the_declarer_and_the_announcement_channel_and_not_retried()
    {
        var response = await _bot.SendAsync(PersonalMessage(_connector.ServiceUrl, Alice, "declare sev2 Spam wave"));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);

        var toDeclarer = await _bot.WaitForConnectorAsync(
            c => c.Kind is "send" or "reply" && c.ConversationId == PersonalChat(Alice) && c.CardText.Contains(Refusal, StringComparison.Ordinal), "notice to the declarer");
        var announced = await _bot.WaitForConnectorAsync(
            c => c.Kind == "create" && c.ConversationId.StartsWith(AnnouncementChannel, StringComparison.Ordinal) && c.CardText.Contains(Refusal, StringComparison.Ordinal), "notice in the announcement channel");
        Assert.Contains("ConversationNotFound", toDeclarer.CardText, StringComparison.Ordinal);
        Assert.Contains("INC-1", announced.CardText, StringComparison.Ordinal);
        Assert.DoesNotContain("Spam wave", announced.CardText, StringComparison.Ordinal); // number and severity only

        // Whatever else was due runs now, as the job server would run it: nothing tries the thread again.
        await _bot.RunDueWorkAsync();
        var attempts = _connector.Calls.Count(c => c.Kind == "create-refused");
        await _bot.SendAsync(PersonalMessage(_connector.ServiceUrl, Alice, "INC-1 status mitigated"));
        await _bot.RunDueWorkAsync();
        // A sync that found another run's claim is put off until the claim expires; past that, it runs and is done too.
        _clock.Advance(TimeSpan.FromMinutes(5));
        await _bot.RunDueWorkAsync();

        Assert.Equal(attempts, _connector.Calls.Count(c => c.Kind == "create-refused"));
        Assert.Single(_connector.Calls, c => c.ConversationId == PersonalChat(Alice) && c.CardText.Contains(Refusal, StringComparison.Ordinal));
        Assert.Single(_connector.Calls, c => c.ConversationId.StartsWith(AnnouncementChannel, StringComparison.Ordinal) && c.CardText.Contains(Refusal, StringComparison.Ordinal));
        Assert.Contains(_bot.Logs.Logs, l => l.Level == LogLevel.Warning && l.Message.Contains("refused to create the channel of incident 1", StringComparison.Ordinal));
        Assert.Contains(_bot.Logs.Logs, l => l.Level == LogLevel.Warning && l.Message.Contains("ConversationNotFound", StringComparison.Ordinal));
        var state = await _bot.Documents.ReadAsync<IncidentChannelState>(Tenant, IncidentChannelState.IdFor(1), default);
        Assert.Equal("ConversationNotFound", state!.Value.CreationRefusal);
        Assert.Null(state.Value.Channel);
        await foreach (var item in _bot.Documents.QueryAsync<WorkItem>(new DocumentQuery(Tenant, WorkItem.DocumentType), default))
            Assert.NotEqual(ChannelSyncWork.WorkKind, item.Value.Kind);
        Assert.Equal(IncidentStatus.Mitigated, (await _bot.Incidents.FindAsync(new WorkspaceId(Tenant), new IncidentNumber(1), default))!.Value.Status);
    }
}
