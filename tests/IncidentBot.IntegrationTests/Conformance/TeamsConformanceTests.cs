using System.IO.Compression;
using System.Text.Json.Nodes;
using IncidentBot.Dialogs.Incidents;
using IncidentBot.Dialogs.Paging;
using IncidentBot.IntegrationTests.Bot;
using IncidentBot.IntegrationTests.Storage.Cosmos;
using IncidentBot.IntegrationTests.Teams;
using Microsoft.Extensions.DependencyInjection;
using static IncidentBot.Testing.Builders.TeamsActivities;

namespace IncidentBot.IntegrationTests.Conformance;

/// <summary>
/// Every Adaptive Card the bot sends in a Teams session, and the card golden files, parse without
/// a warning in Microsoft's <c>adaptivecards</c> renderer (schema 1.5) and keep their buttons on a
/// host without Action.Execute; the app package's manifest validates against its Teams schema.
/// </summary>
public sealed class TeamsConformanceTests : IAsyncLifetime
{
    private FakeBotConnector _connector = null!;
    private TeamsBotApplication _bot = null!;
    private readonly string _database = BotApplication.NewDatabasePath();

    public async Task InitializeAsync()
    {
        _connector = await FakeBotConnector.StartAsync();
        _bot = new TeamsBotApplication(_connector, _database);
        _bot.Start();
    }

    public async Task DisposeAsync()
    {
        await _bot.DisposeAsync();
        await _connector.DisposeAsync();
        BotApplication.DeleteDatabase(_database);
    }

    private string ServiceUrl => _connector.ServiceUrl;

    [Fact]
    public async Task Every_card_of_a_session_parses_cleanly_and_keeps_its_buttons_without_Action_Execute()
    {
        using var cards = ConformanceTool.NewPayloadFolder();
        var answers = new List<JsonNode?>();
        await _bot.SendAsync(PersonalInstall(ServiceUrl, Chandra));
        await _bot.SendAsync(PersonalMessage(ServiceUrl, Alice, "declare sev2 सामाजिक सञ्जालमा हानिकारक चुनौती 🇳🇵 https://evil.example/a.png --market NP --lang ne"));
        var announcement = await _bot.WaitForConnectorAsync(c => c.Kind == "create" && c.ConversationId.StartsWith(AnnouncementChannel, StringComparison.Ordinal), "announcement");
        var thread = await _bot.WaitForConnectorAsync(c => c.Kind == "create" && c.ConversationId.StartsWith(IncidentsChannel, StringComparison.Ordinal), "incident thread");
        await DueWork.WaitForIdleJobsAsync(_bot.Services);
        await _bot.SendAsync(ChannelMessage(ServiceUrl, Alice, "sev 1", conversationId: thread.ConversationId));
        await _bot.SendAsync(PersonalMessage(ServiceUrl, Alice, "help"));
        await _bot.SendAsync(PersonalMessage(ServiceUrl, Alice, "list"));
        await _bot.SendAsync(PersonalMessage(ServiceUrl, Bob, "declare"));
        answers.Add(await InvokeAsync(Bob, "incident.declare", new JsonObject { ["formId"] = "f-1", ["title"] = "", ["severity"] = "sev9", ["markets"] = "XX" }, PersonalChat(Bob)));
        answers.Add(await InvokeAsync(Bob, "incident.declare", new JsonObject { ["formId"] = "f-1", ["title"] = "Partner escalation", ["severity"] = "sev2" }, PersonalChat(Bob)));
        answers.Add(await InvokeAsync(Bob, "incident.join", new JsonObject { ["value"] = "INC-1", ["blockId"] = "join:1" }, announcement.ConversationId, announcement.ActivityId));
        var incident = (await _bot.Incidents.FindAsync(new WorkspaceId(Tenant), new IncidentNumber(1), default))!.Value;
        await _bot.Services.GetRequiredService<IPersonPager>().PagePersonAsync(incident, new UserId(Chandra.AadObjectId), "you are on call for NP", "primary", default);
        await _bot.WaitForConnectorAsync(c => c.Kind == "send" && c.ConversationId == PersonalChat(Chandra), "page");
        await _bot.WaitForConnectorAsync(c => c.Kind == "update" && c.ConversationId == thread.ConversationId, "summary update");
        await DueWork.WaitForIdleJobsAsync(_bot.Services);

        var sent = _connector.Calls.Select(c => c.CardJson).Where(json => json.Length > 0).ToList();
        sent.AddRange(answers.Select(a => a?["value"]).OfType<JsonObject>().Select(card => card.ToJsonString()));
        for (var i = 0; i < sent.Count; i++)
            cards.Write($"sent-{i:000}.json", sent[i]);
        foreach (var golden in Directory.EnumerateFiles(Path.Combine(CosmosTestServer.RepositoryRoot(), "tests", "IncidentBot.Tests", "Teams", "Golden"), "*.json"))
            cards.Copy(golden, "golden-" + Path.GetFileName(golden));
        Assert.True(sent.Count >= 12, $"only {sent.Count} cards were sent");
        Assert.Contains(sent, card => card.Contains("Action.Execute", StringComparison.Ordinal));

        var result = await ConformanceTool.RunAsync("adaptive-cards.js", cards.Path);

        result.AssertClean();
        Assert.Contains($"{cards.Count} card(s) checked", result.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_app_package_manifest_validates_against_the_Teams_schema_of_its_version()
    {
        using var package = ConformanceTool.NewPayloadFolder();
        var script = Path.Combine(CosmosTestServer.RepositoryRoot(), "deploy", "teams", "package.sh");

        var built = await ConformanceTool.RunProcessAsync("bash", [script, "0b07b075-0000-4000-8000-0000000000b0", "incidentbot.example.com", "11111111-2222-4333-8444-555555555555"],
            new Dictionary<string, string> { ["INCIDENTBOT_TEAMS_OUT"] = package.Path });
        Assert.True(built.ExitCode == 0, built.Output);
        var manifest = Path.Combine(package.Path, "manifest.json");
        using (var zip = ZipFile.OpenRead(Path.Combine(package.Path, "incidentbot-teams.zip")))
            zip.GetEntry("manifest.json")!.ExtractToFile(manifest);

        var result = await ConformanceTool.RunAsync("teams-manifest.js", manifest);

        result.AssertClean();
        Assert.Contains("manifestVersion 1.19, 0 problem(s)", result.Output, StringComparison.Ordinal);
    }

    private async Task<JsonNode?> InvokeAsync(TestPerson who, string verb, JsonObject data, string conversationId, string? replyToId = null)
    {
        var response = await _bot.SendAsync(Invoke(ServiceUrl, who, verb, data, conversationId, replyToId));
        return JsonNode.Parse(await response.Content.ReadAsStringAsync());
    }
}
