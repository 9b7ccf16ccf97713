using IncidentBot.Dialogs.Incidents;
using IncidentBot.IntegrationTests.Bot;
using Microsoft.Extensions.Time.Testing;
using static IncidentBot.Testing.Builders.TeamsActivities;

namespace IncidentBot.IntegrationTests.Teams;

/// <summary>Clock warnings and status-update reminders reach Teams people the way Slack people get them, on a fake clock.</summary>
public sealed class TeamsTimersTests : IAsyncLifetime
{
    /// <summary>Monday 2 March 2026, 08:00 UTC.</summary>
    private static readonly DateTimeOffset Monday = new(2026, 3, 2, 8, 0, 0, TimeSpan.Zero);

    private readonly string _database = BotApplication.NewDatabasePath();
    private readonly FakeTimeProvider _clock = new(Monday);
    private FakeBotConnector _connector = null!;
    private TeamsBotApplication _bot = null!;

    public async Task InitializeAsync()
    {
        _connector = await FakeBotConnector.StartAsync();
        _connector.AddMember(Bob.TeamsId, Bob.AadObjectId, Bob.Name, "bob@example.com");
        _bot = new TeamsBotApplication(_connector, _database, clock: _clock);
        _bot.Start();
        await _bot.SendAsync(PersonalInstall(_connector.ServiceUrl, Bob));
    }

    public async Task DisposeAsync()
    {
        await _bot.DisposeAsync();
        await _connector.DisposeAsync();
        BotApplication.DeleteDatabase(_database);
    }

    [Fact]
    public async Task Clock_warnings_mention_the_lead_in_the_thread_and_the_last_one_pages_them_in_their_personal_chat()
    {
        var thread = await DeclareAsync("declare sev3 Partner report of a scam wave --source internal");
        await _bot.SendAsync(ChannelMessage(_connector.ServiceUrl, Alice, $"lead <at>{Bob.Name}</at>", conversationId: thread, mentioned: Bob));
        await _bot.SendAsync(ChannelMessage(_connector.ServiceUrl, Alice, "clock start reply-window 1h", conversationId: thread));
        await _bot.RunDueWorkAsync();

        await AdvanceAsync(TimeSpan.FromMinutes(30) - TimeSpan.FromSeconds(1));
        Assert.DoesNotContain(_connector.Calls, c => InThread(c, thread, "50% of 1h used"));

        await AdvanceAsync(TimeSpan.FromSeconds(1));
        var warning = await _bot.WaitForConnectorAsync(c => InThread(c, thread, "50% of 1h used"), "50% warning");
        Assert.Contains("reply-window", warning.CardText, StringComparison.Ordinal);
        Assert.Contains($"<at>{Bob.Name}</at>", warning.CardText, StringComparison.Ordinal);
        Assert.Contains(Bob.AadObjectId, warning.CardText, StringComparison.Ordinal);
        Assert.DoesNotContain(_connector.Calls, c => c.Kind == "send" && c.ConversationId == PersonalChat(Bob) && c.CardText.Contains("reply-window", StringComparison.Ordinal));

        await AdvanceAsync(TimeSpan.FromMinutes(24));
        await _bot.WaitForConnectorAsync(c => InThread(c, thread, "90% of 1h used"), "90% warning");
        var page = await _bot.WaitForConnectorAsync(
            c => c.Kind == "send" && c.ConversationId == PersonalChat(Bob) && c.CardText.Contains("reply-window", StringComparison.Ordinal), "lead paged");
        Assert.Contains("\"verb\":\"page.acknowledge\"", page.CardText, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_sev1_without_an_update_reminds_the_lead_in_the_thread_after_its_cadence()
    {
        var thread = await DeclareAsync("declare sev1 Removal order for a livestream --source internal");
        await _bot.SendAsync(ChannelMessage(_connector.ServiceUrl, Alice, $"lead <at>{Bob.Name}</at>", conversationId: thread, mentioned: Bob));
        await _bot.RunDueWorkAsync();

        await AdvanceAsync(TimeSpan.FromMinutes(29));
        Assert.DoesNotContain(_connector.Calls, c => InThread(c, thread, "status update"));

        await AdvanceAsync(TimeSpan.FromMinutes(1));
        var reminder = await _bot.WaitForConnectorAsync(c => InThread(c, thread, "status update"), "status-update reminder");
        Assert.Contains($"<at>{Bob.Name}</at>", reminder.CardText, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_summary_the_Connector_refuses_with_500_four_times_arrives_on_a_later_try_once()
    {
        _connector.FailSends(conversation => conversation.StartsWith(IncidentsChannel, StringComparison.Ordinal) && conversation.Contains(";messageid=", StringComparison.Ordinal), times: 4);

        await _bot.SendAsync(PersonalMessage(_connector.ServiceUrl, Alice, "declare sev2 Summary refused at first"));
        var thread = await _bot.WaitForConnectorAsync(c => c.Kind == "create" && c.ConversationId.StartsWith(IncidentsChannel, StringComparison.Ordinal), "incident thread");
        // The SDK's own retries and ours (after 1, 3, 10, 30 s): whatever it takes, the summary goes once.
        for (var round = 0; round < 8 && !_connector.Calls.Any(c => c.Kind == "send" && c.ConversationId == thread.ConversationId); round++)
            await AdvanceAsync(TimeSpan.FromSeconds(30));

        var summaries = _connector.Calls.Where(c => c.Kind == "send" && c.ConversationId == thread.ConversationId && c.CardText.Contains("Summary refused at first", StringComparison.Ordinal)).ToList();
        Assert.Single(summaries);
        Assert.Equal(4, _connector.Calls.Count(c => c.Kind == "send-failed" && c.ConversationId == thread.ConversationId));
    }

    private async Task<string> DeclareAsync(string command)
    {
        await _bot.SendAsync(PersonalMessage(_connector.ServiceUrl, Alice, command));
        await _bot.RunDueWorkAsync();
        var thread = await _bot.WaitForConnectorAsync(c => c.Kind == "create" && c.ConversationId.StartsWith(IncidentsChannel, StringComparison.Ordinal), "incident thread");
        await _bot.WaitForConnectorAsync(c => c.Kind == "send" && c.ConversationId == thread.ConversationId, "summary");
        Assert.NotNull((await _bot.Incidents.FindAsync(new WorkspaceId(Tenant), new IncidentNumber(1), default))?.Value.Channel);
        return thread.ConversationId;
    }

    private async Task AdvanceAsync(TimeSpan by)
    {
        _clock.Advance(by);
        await _bot.RunDueWorkAsync();
    }

    private static bool InThread(ConnectorCall call, string thread, string marker) =>
        call.Kind == "send" && call.ConversationId == thread && call.CardText.Contains(marker, StringComparison.Ordinal);
}
