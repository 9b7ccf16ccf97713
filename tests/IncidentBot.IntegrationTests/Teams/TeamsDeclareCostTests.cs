using System.Net;
using Hangfire;
using IncidentBot.Dialogs.Storage;
using IncidentBot.Dialogs.Work;
using IncidentBot.IntegrationTests.Bot;
using IncidentBot.Storage.Embedded;
using IncidentBot.Teams.Outbound;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Xunit.Abstractions;
using static IncidentBot.Testing.Builders.TeamsActivities;

namespace IncidentBot.IntegrationTests.Teams;

/// <summary>
/// What one Teams personal-chat declare costs, counted on the real parts (issue 12), like
/// <see cref="DeclareCostTests"/> for Slack: store calls while the person waits for the reply and in
/// the background, Bot Connector calls, jobs, log lines a production log level writes. The figures go
/// to the test output (PERFORMANCE.md quotes them); the assertions pin the request's.
/// </summary>
public sealed class TeamsDeclareCostTests(ITestOutputHelper output) : IAsyncLifetime
{
    private readonly string _database = BotApplication.NewDatabasePath();
    private FakeBotConnector _connector = null!;
    private TeamsBotApplication _bot = null!;
    private CountingDocumentStore _store = null!;

    public async Task InitializeAsync()
    {
        _connector = await FakeBotConnector.StartAsync();
        _bot = new TeamsBotApplication(_connector, _database, new BotHostOptions
        {
            Services = services => services.Replace(ServiceDescriptor.Singleton<IDocumentStore>(provider =>
                _store = new CountingDocumentStore(provider.GetRequiredService<SqliteDocumentStore>()))),
        });
        _bot.Start();
    }

    public async Task DisposeAsync()
    {
        await _bot.DisposeAsync();
        await _connector.DisposeAsync();
        BotApplication.DeleteDatabase(_database);
    }

    [Fact]
    public async Task A_personal_chat_declare_reads_little_and_writes_once_before_its_reply()
    {
        // The tenant's and the person's first activity stores them, and the workspace's first declare registers it: warm up.
        await DeclareAndSettleAsync("declare sev2 Warm-up incident", number: 1);
        var before = Counts();

        await DeclareAndSettleAsync("declare sev2 Counted incident --source user-report --market DE", number: 2);
        var after = Counts();

        var store = Delta(before.Store, after.Store);
        foreach (var (what, n) in store)
            output.WriteLine($"store {what}: {n}");
        foreach (var (what, n) in Delta(before.Connector, after.Connector))
            output.WriteLine($"connector {what}: {n}");
        foreach (var (what, n) in Delta(before.Logs, after.Logs))
            output.WriteLine($"log {what}: {n}");
        output.WriteLine($"Hangfire jobs succeeded: {after.JobsSucceeded - before.JobsSucceeded}");
        output.WriteLine($"Bot Connector clients built: {after.ClientsBuilt - before.ClientsBuilt}");

        // Until the reply: the replay check's read, the waiting-dialog check's read, then the unit. The tenant and the
        // person are as the warm-up left them, so neither is read again.
        var request = store.Where(c => c.Key.StartsWith("request: ", StringComparison.Ordinal)).ToDictionary();
        Assert.Equal(3, CountingDocumentStore.RoundTrips(request));
        Assert.Equal(1, request.GetValueOrDefault("request: commit"));
        Assert.Equal(1, request.GetValueOrDefault("request: commit-op create Incident"));
        Assert.DoesNotContain(store.Keys, k => k.Contains("TeamsTenant", StringComparison.Ordinal));
        Assert.DoesNotContain(request.Keys, k => k.Contains("TeamsPerson", StringComparison.Ordinal));

        // The reply, the thread, the summary and the announcement all went through the clients the warm-up built.
        Assert.Equal(0, after.ClientsBuilt - before.ClientsBuilt);
        Assert.Equal(new Dictionary<string, int> { ["create"] = 2, ["reply"] = 1, ["send"] = 1 }, Delta(before.Connector, after.Connector));

        // At the production levels: the message received, the thread started, the channel created; nothing of the SDK's.
        var logs = Delta(before.Logs, after.Logs);
        Assert.DoesNotContain(logs.Keys, k => k.Contains("Microsoft.Bot", StringComparison.Ordinal) || k.Contains("TeamsAdapter", StringComparison.Ordinal));
        Assert.Equal(3, logs.Values.Sum());
    }

    private async Task DeclareAndSettleAsync(string text, int number)
    {
        var message = PersonalMessage(_connector.ServiceUrl, Alice, text);
        var response = await _bot.SendAsync(message);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var id = (string?)message["id"];
        var reply = await _bot.WaitForConnectorAsync(c => c.Kind == "reply" && c.Body?["replyToId"]?.GetValue<string>() == id, "the reply");
        Assert.Contains($"INC-{number}", reply.CardText, StringComparison.Ordinal);
        // The announcement is the channel job's last call; then let whatever it left run out.
        await _bot.WaitForConnectorAsync(
            c => c.Kind == "create" && c.ConversationId.StartsWith(AnnouncementChannel, StringComparison.Ordinal) && c.CardText.Contains($"INC-{number}", StringComparison.Ordinal),
            "the announcement");
        await DueWork.WaitForIdleJobsAsync(_bot.Services);
    }

    private (IReadOnlyDictionary<string, int> Store, IReadOnlyDictionary<string, int> Connector, IReadOnlyDictionary<string, int> Logs, long JobsSucceeded, int ClientsBuilt) Counts() =>
        (_store.Snapshot(),
         _connector.Calls.GroupBy(c => c.Kind).ToDictionary(g => g.Key, g => g.Count()),
         _bot.Logs.Logs.Where(WrittenInProduction).GroupBy(l => $"{l.Level} {l.Category}").ToDictionary(g => g.Key, g => g.Count()),
         _bot.Services.GetRequiredService<JobStorage>().GetMonitoringApi().SucceededListCount(),
         _bot.Services.GetRequiredService<TeamsConnectorClients>().Created);

    /// <summary>The levels of appsettings.json: Information, but Warning for ASP.NET Core, Hangfire, HttpClient and the Bot Framework SDK.</summary>
    private static bool WrittenInProduction(RecordedLog line) =>
        line.Level >= (line.Category.StartsWith("Microsoft.AspNetCore", StringComparison.Ordinal)
                       || line.Category.StartsWith("Hangfire", StringComparison.Ordinal)
                       || line.Category.StartsWith("System.Net.Http.HttpClient", StringComparison.Ordinal)
                       || line.Category.StartsWith("Microsoft.Bot", StringComparison.Ordinal)
            ? LogLevel.Warning
            : LogLevel.Information);

    private static SortedDictionary<string, int> Delta(IReadOnlyDictionary<string, int> before, IReadOnlyDictionary<string, int> after) =>
        new(after.Select(a => (a.Key, N: a.Value - before.GetValueOrDefault(a.Key))).Where(d => d.N != 0).ToDictionary(d => d.Key, d => d.N),
            StringComparer.Ordinal);
}
