using System.Globalization;
using System.Net;
using IncidentBot.Dialogs.Incidents;
using IncidentBot.Dialogs.Paging;
using IncidentBot.Dialogs.Platform;
using IncidentBot.IntegrationTests.Bot;
using Microsoft.Extensions.DependencyInjection;
using static IncidentBot.Testing.Builders.TeamsActivities;

namespace IncidentBot.IntegrationTests.Teams;

/// <summary>
/// People named by e-mail who have no Teams account: looking them up reads the roster once
/// (bounded by <c>Teams:MaxRosterMembers</c>) and answers further misses from that read.
/// </summary>
public sealed class TeamsRosterTests : IAsyncLifetime
{
    /// <summary>Every incident pages a team of two people nobody in the tenant has the e-mail of.</summary>
    private const string OnCall = """
        teams:
          - id: ghosts
            name: Former responders
            members: [ghost.one@example.com, ghost.two@example.com]
        policies:
          - id: ghosts
            name: Former responders
            steps:
              - team: ghosts
                wait: 10m
        routing:
          - name: everything
            page: [ghosts]
        """;

    /// <summary>Three pages of 500 in a full read.</summary>
    private const int RosterSize = 1_200;

    private readonly string _database = BotApplication.NewDatabasePath();
    private readonly OnCallFile _file = new(OnCall);
    private FakeBotConnector _connector = null!;
    private TeamsBotApplication? _bot;

    public async Task InitializeAsync()
    {
        _connector = await FakeBotConnector.StartAsync();
        for (var i = 0; i < RosterSize; i++)
        {
            var n = i.ToString("D4", CultureInfo.InvariantCulture);
            _connector.AddMember($"29:1member{n}", $"00000000-0000-4000-8000-00000000{n}", $"Member {n}", $"member{n}@example.com");
        }
    }

    public async Task DisposeAsync()
    {
        if (_bot is not null)
            await _bot.DisposeAsync();
        await _connector.DisposeAsync();
        _file.Dispose();
        BotApplication.DeleteDatabase(_database);
    }

    [Fact]
    public async Task Unknown_emails_read_the_roster_once_and_later_misses_are_answered_from_that_read()
    {
        StartBot();

        await DeclareAndWaitUntilNobodyIsReachableAsync("declare sev2 Fake removal notices", 1);
        await DeclareAndWaitUntilNobodyIsReachableAsync("declare sev2 Second wave of notices", 2);

        // One full read of 1,200 members is three pages; two unknown e-mails on two incidents add none.
        Assert.Equal(3, _connector.Calls.Count(c => c.Kind == "members"));
    }

    [Fact]
    public async Task The_roster_read_stops_at_the_configured_limit()
    {
        StartBot(new Dictionary<string, string?> { ["Teams:MaxRosterMembers"] = "500" });

        await DeclareAndWaitUntilNobodyIsReachableAsync("declare sev2 Fake removal notices", 1);

        Assert.Equal(1, _connector.Calls.Count(c => c.Kind == "members"));
        Assert.Contains(_bot!.Logs.Logs, l => l.Message.Contains("has more than 500 members", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Members_of_an_admin_team_are_on_call_admins_and_others_are_not()
    {
        const string adminTeam = "19:incidentmanagers9a1b@thread.tacv2";
        _connector.AddGroupMember(adminTeam, Alice.TeamsId, Alice.AadObjectId, Alice.Name, "alice@example.com");
        StartBot(new Dictionary<string, string?> { ["OnCall:Admins:0"] = adminTeam });
        var access = _bot!.Services.GetRequiredService<OnCallAccess>();
        var tenant = new WorkspaceId(Tenant);

        Assert.True(await access.IsAdminAsync(PlatformId.Teams, tenant, new UserId(Alice.AadObjectId), default));
        Assert.False(await access.IsAdminAsync(PlatformId.Teams, tenant, new UserId(Bob.AadObjectId), default));
        // Read once for both questions.
        Assert.Single(_connector.Calls, c => c.Kind == "members" && c.ConversationId == adminTeam);
    }

    private void StartBot(Dictionary<string, string?>? settings = null)
    {
        var all = new Dictionary<string, string?>(_file.Settings);
        foreach (var (key, value) in settings ?? [])
            all[key] = value;
        _bot = new TeamsBotApplication(_connector, _database, all);
        _bot.Start();
    }

    private async Task DeclareAndWaitUntilNobodyIsReachableAsync(string command, int number)
    {
        var declared = await _bot!.SendAsync(PersonalMessage(_connector.ServiceUrl, Alice, command));
        Assert.Equal(HttpStatusCode.OK, declared.StatusCode);
        await _bot.Logs.WaitForAsync(
            l => l.Message.Contains($"of incident {number} ", StringComparison.Ordinal) && l.Message.Contains("could not reach 2 people", StringComparison.Ordinal),
            $"INC-{number}'s page found nobody");
    }
}
