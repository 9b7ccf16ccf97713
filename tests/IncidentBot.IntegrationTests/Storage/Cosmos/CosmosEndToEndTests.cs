using System.Globalization;
using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using IncidentBot.Dialogs.Incidents;
using IncidentBot.Dialogs.Storage;
using IncidentBot.IntegrationTests.Bot;
using IncidentBot.Storage.Cosmos;
using IncidentBot.Storage.Spool;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Azure.Cosmos;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace IncidentBot.IntegrationTests.Storage.Cosmos;

/// <summary>
/// The whole bot configured for Cosmos DB alone (<c>Cosmos:*</c>), Slack pointed at the fake:
/// a signed <c>/incident declare</c> lands in the container; during an outage the person is told
/// it is kept, and once the server is back the incident is stored exactly once.
/// </summary>
public sealed class CosmosEndToEndTests : IAsyncLifetime, IDisposable
{
    private const string SigningSecret = "e2e-signing-secret";
    private const string Database = "incidentbot-e2e";
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(45);

    private readonly CosmosServerFixture _cosmos = new();
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "incidentbot-tests", Guid.NewGuid().ToString("N"));
    private readonly CancellationTokenSource _timeout = new(TimeSpan.FromSeconds(90));
    private FakeSlackServer? _slack;
    private WebApplicationFactory<Program>? _bot;
    private HttpClient? _http;
    private readonly RecordingLoggerProvider _logs = new();
    private int _triggers;

    private FakeSlackServer Slack => _slack!;

    public async Task InitializeAsync()
    {
        // Hangfire keeps the log provider of the last host in a static; a host disposed by an earlier
        // test would break the next one's start. Start from none: Hangfire.AspNetCore sets this host's.
        Hangfire.Logging.LogProvider.SetCurrentLogProvider(null);
        await _cosmos.InitializeAsync();
        _slack = await FakeSlackServer.StartAsync();
        var settings = new Dictionary<string, string>
        {
            ["Cosmos:Endpoint"] = _cosmos.Server.Endpoint.ToString(),
            ["Cosmos:Key"] = CosmosTestServer.Key,
            ["Cosmos:Database"] = Database,
            ["Cosmos:ConnectionMode"] = "Gateway",
            ["Cosmos:AcceptSelfSignedCertificate"] = "true",
            ["Slack:SigningSecret"] = SigningSecret,
            ["Slack:BotToken"] = Slack.BotToken,
            ["Slack:ApiBaseUrl"] = Slack.ApiBaseUrl,
            ["Slack:AllowLoopbackTargets"] = "true",
            ["Storage:Path"] = Path.Combine(_directory, "unused.db"),
            ["Spool:Path"] = Path.Combine(_directory, "pending-declares.db"),
            ["Spool:RetryIntervalSeconds"] = "1",
            ["Jobs:SchedulePollingIntervalSeconds"] = "1",
        };
        _bot = new WebApplicationFactory<Program>().WithWebHostBuilder(web =>
        {
            foreach (var (key, value) in settings)
                web.UseSetting(key, value);
            web.ConfigureLogging(logging => logging.ClearProviders().AddProvider(_logs).SetMinimumLevel(LogLevel.Warning));
        });
        _http = _bot.CreateClient();
    }

    public async Task DisposeAsync()
    {
        _http?.Dispose();
        if (_bot is not null)
            await _bot.DisposeAsync();
        if (_slack is not null)
            await _slack.DisposeAsync();
        await _cosmos.DisposeAsync();
    }

    public void Dispose()
    {
        _timeout.Dispose();
        if (Directory.Exists(_directory))
            Directory.Delete(_directory, recursive: true);
    }

    [Fact]
    public async Task A_declare_from_Slack_is_stored_in_the_Cosmos_container_and_gets_its_channel()
    {
        Assert.IsType<CosmosDocumentStore>(_bot!.Services.GetRequiredService<IDocumentStore>());

        var reply = await DeclareAsync("Removal order for a trending video");

        Assert.Contains("declared", reply, StringComparison.Ordinal);
        var stored = await IncidentsTitledAsync("Removal order for a trending video");
        var incident = Assert.Single(stored);
        Assert.Equal("sev1", (string?)incident["severity"]);
        Assert.Equal(1, (int?)incident["number"]);
        await WaitForChannelAsync();
    }

    [Fact]
    public async Task A_declare_while_Cosmos_is_down_is_kept_and_stored_once_when_it_is_back()
    {
        await DeclareAsync("Before the outage");
        await _cosmos.Server.StopAsync();

        var reply = await DeclareAsync("Partner escalation during the outage");

        Assert.Contains("being recorded — nothing was lost", reply, StringComparison.Ordinal);
        var spool = _bot!.Services.GetRequiredService<SqliteDeclarationSpool>();
        Assert.Equal(1, await spool.CountAsync(_timeout.Token));
        var ready = await _http!.GetAsync(new Uri("/readyz", UriKind.Relative), _timeout.Token);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, ready.StatusCode);

        await _cosmos.Server.RestartAsync(_timeout.Token);

        // The reporter hears the number once the spool's job has stored it.
        var told = await Slack.WaitForCallAsync("chat.postEphemeral", c => c.Arg("text")?.Contains("declared", StringComparison.Ordinal) == true, Patience);
        Assert.Equal("U0REPORTER", told.Arg("user"));
        Assert.Equal(0, await spool.CountAsync(_timeout.Token));
        // A further run of the job finds nothing to do: still one incident.
        await new StoreSpooledDeclaresJob(spool, _bot.Services.GetRequiredService<IncidentDeclarer>(),
            _bot.Services.GetRequiredService<Dialogs.Platform.Outbox>(), TimeProvider.System, Microsoft.Extensions.Logging.Abstractions.NullLogger<StoreSpooledDeclaresJob>.Instance)
            .RunAsync(_timeout.Token);
        Assert.Single(await IncidentsTitledAsync("Partner escalation during the outage"));
        await WaitForChannelAsync();
    }

    [Fact]
    public async Task A_declare_form_submitted_while_Cosmos_is_down_closes_saying_it_is_kept()
    {
        await DeclareAsync("Before the outage");
        await _cosmos.Server.StopAsync();
        var submission = new JsonObject
        {
            ["type"] = "view_submission",
            ["team"] = new JsonObject { ["id"] = FakeSlackServer.TeamId, ["domain"] = "test" },
            ["user"] = new JsonObject { ["id"] = "U0REPORTER" },
            ["view"] = new JsonObject
            {
                ["id"] = "V0OUTAGE",
                ["callback_id"] = "incident.declare",
                ["state"] = new JsonObject
                {
                    ["values"] = new JsonObject
                    {
                        ["title"] = new JsonObject { ["value"] = new JsonObject { ["type"] = "plain_text_input", ["value"] = "Trending challenge during the outage" } },
                        ["severity"] = new JsonObject { ["value"] = new JsonObject { ["type"] = "static_select", ["selected_option"] = new JsonObject { ["value"] = "sev2" } } },
                    },
                },
            },
        };

        var answer = JsonNode.Parse(await PostSignedAsync("/slack/interactions", "payload=" + Uri.EscapeDataString(submission.ToJsonString())))!;

        Assert.Equal("update", (string?)answer["response_action"]);
        Assert.Contains("being recorded — nothing was lost", answer["view"]!.ToJsonString(new System.Text.Json.JsonSerializerOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }), StringComparison.Ordinal);
        Assert.Equal(1, await _bot!.Services.GetRequiredService<SqliteDeclarationSpool>().CountAsync(_timeout.Token));
    }

    /// <summary>The normal channel job ran for the declared incident; on a timeout, the bot's warnings say why.</summary>
    [Fact]
    public async Task A_declare_whose_answer_was_lost_after_it_was_stored_is_one_incident_and_takes_no_extra_number()
    {
        _cosmos.Server.Faults.DropResponse(r => r.IsBatch && r.Writes("inc-1"));

        var first = await DeclareAsync("Declared while the connection dropped");
        var second = await DeclareAsync("Declared right after");

        Assert.Equal(1, _cosmos.Server.Faults.Fired);
        Assert.Contains("INC-1", first, StringComparison.Ordinal);
        Assert.Contains("INC-2", second, StringComparison.Ordinal);
        Assert.Equal(1, (int?)Assert.Single(await IncidentsTitledAsync("Declared while the connection dropped"))["number"]);
        Assert.Equal(2, (int?)Assert.Single(await IncidentsTitledAsync("Declared right after"))["number"]);
    }

    [Fact]
    public async Task A_change_whose_answer_was_lost_after_it_was_stored_is_applied_once()
    {
        await DeclareAsync("Partner escalation, changed once");
        await WaitForChannelAsync(); // its channel is linked to it: a change of its own
        await DueWork.WaitForIdleJobsAsync(_bot!.Services); // and nothing else of the declare changes it after we read its version
        var before = (int)Assert.Single(await IncidentsTitledAsync("Partner escalation, changed once"))["version"]!;
        _cosmos.Server.Faults.AnswerAfterCommit(503, r => r.IsBatch && r.Writes(TimelineEvent.IdFor(1, before + 1)));

        var reply = await CommandAsync("INC-1 note takedown confirmed by the partner");

        Assert.Equal(1, _cosmos.Server.Faults.Fired);
        Assert.DoesNotContain("already", reply, StringComparison.Ordinal);
        var incident = Assert.Single(await IncidentsTitledAsync("Partner escalation, changed once"));
        Assert.Equal(before + 1, (int?)incident["version"]);
    }

    [Fact]
    public async Task A_delivery_claim_whose_answer_was_lost_is_not_mistaken_for_a_replay()
    {
        // A command that changes nothing (no such incident) stores only its delivery claim.
        _cosmos.Server.Faults.DropResponse(r => r.Writes("delivery-"));
        var timestamp = DateTimeOffset.UtcNow.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
        var body = "team_id=" + FakeSlackServer.TeamId + "&user_id=U0REPORTER&channel_id=C0GENERAL&command=%2Fincident&text="
            + Uri.EscapeDataString("INC-99 note nothing to see") + "&trigger_id=T-claim";

        var first = (string?)JsonNode.Parse(await PostSignedAsync("/slack/commands", body, timestamp))!["text"] ?? "";
        var replay = (string?)JsonNode.Parse(await PostSignedAsync("/slack/commands", body, timestamp))!["text"] ?? "";

        Assert.Equal(1, _cosmos.Server.Faults.Fired);
        Assert.Contains("INC-99", first, StringComparison.Ordinal);
        Assert.DoesNotContain("already handled", first, StringComparison.Ordinal);
        Assert.Contains("already handled", replay, StringComparison.Ordinal);
    }

    private async Task WaitForChannelAsync()
    {
        try
        {
            await Slack.WaitForCallAsync("conversations.create", timeout: Patience);
        }
        catch (TimeoutException e)
        {
            var warnings = _logs.Logs.Where(l => l.Level >= LogLevel.Warning).Select(l => $"{l.Level} {l.Category}: {l.Message}");
            throw new TimeoutException(e.Message + "\n" + string.Join("\n", warnings), e);
        }
    }

    /// <summary>Posts <c>/incident declare sev1 {title}</c> as Slack would, with a trigger id of its own.</summary>
    private async Task<string> DeclareAsync(string title)
    {
        var trigger = string.Create(CultureInfo.InvariantCulture, $"1337.{Interlocked.Increment(ref _triggers)}.e2e");
        var body = string.Join('&', new Dictionary<string, string>
        {
            ["token"] = "legacy-unused",
            ["team_id"] = FakeSlackServer.TeamId,
            ["user_id"] = "U0REPORTER",
            ["channel_id"] = "C0ORIGIN",
            ["command"] = "/incident",
            ["text"] = "declare sev1 " + title,
            ["trigger_id"] = trigger,
        }.Select(field => field.Key + "=" + Uri.EscapeDataString(field.Value)));
        var json = JsonNode.Parse(await PostSignedAsync("/slack/commands", body))!;
        return (string?)json["text"] ?? "";
    }

    private async Task<string> CommandAsync(string text)
    {
        var body = string.Join("&", new Dictionary<string, string>
        {
            ["team_id"] = FakeSlackServer.TeamId,
            ["user_id"] = "U0REPORTER",
            ["channel_id"] = "C0GENERAL",
            ["command"] = "/incident",
            ["text"] = text,
            ["trigger_id"] = "T" + Interlocked.Increment(ref _triggers).ToString(CultureInfo.InvariantCulture),
        }.Select(field => field.Key + "=" + Uri.EscapeDataString(field.Value)));
        return (string?)JsonNode.Parse(await PostSignedAsync("/slack/commands", body))!["text"] ?? "";
    }

    /// <summary>Posts a body signed as Slack signs it: v0 HMAC-SHA256 over the timestamp and the raw body.</summary>
    private async Task<string> PostSignedAsync(string path, string body, string? timestamp = null)
    {
        timestamp ??= DateTimeOffset.UtcNow.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
        var signature = "v0=" + Convert.ToHexStringLower(
            HMACSHA256.HashData(Encoding.UTF8.GetBytes(SigningSecret), Encoding.UTF8.GetBytes($"v0:{timestamp}:{body}")));
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(path, UriKind.Relative))
        {
            Content = new StringContent(body, Encoding.UTF8, "application/x-www-form-urlencoded"),
        };
        request.Headers.Add("X-Slack-Request-Timestamp", timestamp);
        request.Headers.Add("X-Slack-Signature", signature);
        using var response = await _http!.SendAsync(request, _timeout.Token);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.Content.ReadAsStringAsync(_timeout.Token);
    }

    /// <summary>Reads the container directly, with a client of the test's own.</summary>
    private async Task<List<JsonObject>> IncidentsTitledAsync(string title)
    {
        var container = _cosmos.Client.GetContainer(Database, "incidents");
        var query = new QueryDefinition("SELECT * FROM c WHERE c.workspaceId = @ws AND c.type = 'incident' AND c.title = @title")
            .WithParameter("@ws", FakeSlackServer.TeamId).WithParameter("@title", title);
        using var iterator = container.GetItemQueryStreamIterator(query, null, new QueryRequestOptions { PartitionKey = new PartitionKey(FakeSlackServer.TeamId) });
        var found = new List<JsonObject>();
        while (iterator.HasMoreResults)
        {
            using var page = await iterator.ReadNextAsync(_timeout.Token);
            Assert.True(page.IsSuccessStatusCode, page.ErrorMessage);
            var documents = (await JsonNode.ParseAsync(page.Content, cancellationToken: _timeout.Token))!["Documents"]!.AsArray();
            found.AddRange(documents.Select(d => d!.AsObject()));
        }
        return found;
    }
}
