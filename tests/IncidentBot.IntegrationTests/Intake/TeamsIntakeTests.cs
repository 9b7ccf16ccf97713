using System.Net;
using IncidentBot.Dialogs.Incidents;
using IncidentBot.IntegrationTests.Bot;
using IncidentBot.IntegrationTests.Teams;
using static IncidentBot.Testing.Builders.TeamsActivities;

namespace IncidentBot.IntegrationTests.Intake;

/// <summary>A partner's message to the bot in a Teams channel configured for intake (Intake:Teams:Channels).</summary>
public sealed class TeamsIntakeTests : IAsyncLifetime
{
    private readonly string _database = BotApplication.NewDatabasePath();
    private FakeBotConnector _connector = null!;
    private TeamsBotApplication _bot = null!;

    public async Task InitializeAsync()
    {
        _connector = await FakeBotConnector.StartAsync();
        _bot = new TeamsBotApplication(_connector, _database, new Dictionary<string, string?> { ["Intake:Teams:Channels:0"] = GeneralChannel });
        _bot.Start();
    }

    public async Task DisposeAsync()
    {
        await _bot.DisposeAsync();
        await _connector.DisposeAsync();
        BotApplication.DeleteDatabase(_database);
    }

    [Fact]
    public async Task A_partner_message_in_a_teams_intake_channel_becomes_a_report_answered_in_its_thread()
    {
        var thread = GeneralThread("1764099990077");
        var message = ChannelMessage(_connector.ServiceUrl, Bob, "Escalation from our helpline: #holdbreath dare videos reaching children in Nepal", conversationId: thread, id: "1764099990077");

        var first = await _bot.SendAsync(message);
        var again = await _bot.SendAsync(message);
        await _bot.RunDueWorkAsync();

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        var incident = (await _bot.Incidents.FindAsync(new WorkspaceId(Tenant), new IncidentNumber(1), default))!.Value;
        Assert.Equal(IncidentSource.Partner, incident.Source);
        Assert.Equal(1, incident.ReportCount);
        Assert.Null(await _bot.Incidents.FindAsync(new WorkspaceId(Tenant), new IncidentNumber(2), default));
        var reply = await _bot.WaitForConnectorAsync(
            c => c.Kind == "send" && c.ConversationId == thread && (c.Body?.ToJsonString() ?? "").Contains("INC-1", StringComparison.Ordinal), "receipt in the thread");
        Assert.Contains("opened", reply.Body!.ToJsonString(), StringComparison.Ordinal);
    }
}
