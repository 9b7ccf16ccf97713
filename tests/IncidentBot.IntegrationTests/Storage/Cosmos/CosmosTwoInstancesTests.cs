using System.Globalization;
using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using IncidentBot.Dialogs.Channels;
using IncidentBot.Dialogs.Incidents;
using IncidentBot.Dialogs.Storage;
using IncidentBot.Dialogs.Work;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace IncidentBot.IntegrationTests.Storage.Cosmos;

/// <summary>
/// Two bots on one Cosmos DB container, each with its own job server (as two instances behind a
/// load balancer with in-memory Hangfire): both run the same incident's channel work at the same
/// moment, and chat still sees every channel, summary, change post and announcement once.
/// </summary>
public sealed class CosmosTwoInstancesTests : IAsyncLifetime, IDisposable
{
    private const string SigningSecret = "two-instances-signing-secret";
    private const string Database = "incidentbot-two-instances";

    private readonly CosmosServerFixture _cosmos = new();
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "incidentbot-tests", Guid.NewGuid().ToString("N"));
    private readonly CancellationTokenSource _timeout = new(TimeSpan.FromSeconds(120));
    private readonly List<(WebApplicationFactory<Program> Bot, HttpClient Http)> _instances = [];
    private FakeSlackServer? _slack;
    private int _triggers;

    private FakeSlackServer Slack => _slack!;

    public async Task InitializeAsync()
    {
        Hangfire.Logging.LogProvider.SetCurrentLogProvider(null);
        await _cosmos.InitializeAsync();
        _slack = await FakeSlackServer.StartAsync();
        for (var i = 0; i < 2; i++)
        {
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
                ["Slack:AnnouncementChannel"] = "C0ANNOUNCE",
                ["Storage:Path"] = Path.Combine(_directory, $"unused-{i}.db"),
                ["Spool:Path"] = Path.Combine(_directory, $"pending-declares-{i}.db"),
                ["Jobs:SchedulePollingIntervalSeconds"] = "1",
            };
            var bot = new WebApplicationFactory<Program>().WithWebHostBuilder(web =>
            {
                foreach (var (key, value) in settings)
                    web.UseSetting(key, value);
                web.ConfigureLogging(logging => logging.ClearProviders().SetMinimumLevel(LogLevel.Warning));
            });
            _instances.Add((bot, bot.CreateClient()));
        }
    }

    public async Task DisposeAsync()
    {
        foreach (var (bot, http) in _instances)
        {
            http.Dispose();
            await bot.DisposeAsync();
        }
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
    public async Task Both_instances_running_the_channel_work_at_once_post_everything_once()
    {
        // Declared on the first instance; the second runs the same channel work at the same time.
        var declaring = CommandAsync(0, "declare sev2 Two instances, one channel");
        await RaceChannelWorkAsync(until: () => Slack.CallsTo("pins.add").Count == 1 && Slack.CallsTo("chat.postMessage").Any(c => c.Arg("channel") == "C0ANNOUNCE"));
        await declaring;

        // A change made on the second instance; the first races it again.
        await CommandAsync(1, "INC-1 status mitigated");
        await RaceChannelWorkAsync(until: () => Slack.CallsTo("chat.postMessage").Count(c => c.Arg("channel") == "C0ANNOUNCE") == 2
            && Slack.CallsTo("chat.postMessage").Any(c => c.Arg("text")?.Contains("Mitigated", StringComparison.OrdinalIgnoreCase) == true && c.Arg("channel") != "C0ANNOUNCE"));

        Assert.Single(Slack.CallsTo("conversations.create"));
        var channel = Assert.Single(Slack.CallsTo("pins.add")).Arg("channel");
        var inChannel = Slack.CallsTo("chat.postMessage").Where(c => c.Arg("channel") == channel).Select(c => c.Arg("text")).ToList();
        // The pinned summary (updated in place since) and the one change post.
        Assert.Equal(2, inChannel.Count);
        Assert.Single(inChannel, text => text?.Contains("Mitigated", StringComparison.OrdinalIgnoreCase) == true);
        Assert.Equal(2, Slack.CallsTo("chat.postMessage").Count(c => c.Arg("channel") == "C0ANNOUNCE"));
    }

    /// <summary>Both instances run the incident's channel work over and over at the same time, until chat shows what the test waits for.</summary>
    private async Task RaceChannelWorkAsync(Func<bool> until)
    {
        var item = WorkItem.IdFor(ChannelSyncWork.WorkKind, new IncidentNumber(1).DocumentId);
        for (var round = 0; round < 200 && !until(); round++)
        {
            await Task.WhenAll(_instances.Select(i => Task.Run(async () =>
            {
                try
                {
                    await i.Bot.Services.GetRequiredService<WorkDispatcher>().RunAsync(FakeSlackServer.TeamId, item, _timeout.Token);
                }
                catch (DocumentConflictException)
                {
                    // The other instance changed the item meanwhile: as a job, this run would be retried.
                }
            })));
            await Task.Delay(TimeSpan.FromMilliseconds(50), _timeout.Token);
        }
        Assert.True(until(), "Chat did not reach the expected state: " + string.Join("; ", Slack.Calls.Select(c => $"{c.Method} {c.Arg("channel")}")));
    }

    private async Task<string> CommandAsync(int instance, string text)
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
        var timestamp = DateTimeOffset.UtcNow.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
        var signature = "v0=" + Convert.ToHexStringLower(
            HMACSHA256.HashData(Encoding.UTF8.GetBytes(SigningSecret), Encoding.UTF8.GetBytes($"v0:{timestamp}:{body}")));
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri("/slack/commands", UriKind.Relative))
        {
            Content = new StringContent(body, Encoding.UTF8, "application/x-www-form-urlencoded"),
        };
        request.Headers.Add("X-Slack-Request-Timestamp", timestamp);
        request.Headers.Add("X-Slack-Signature", signature);
        using var response = await _instances[instance].Http.SendAsync(request, _timeout.Token);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return (string?)JsonNode.Parse(await response.Content.ReadAsStringAsync(_timeout.Token))!["text"] ?? "";
    }
}
