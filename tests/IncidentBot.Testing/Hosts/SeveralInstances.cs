using System.Globalization;
using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using IncidentBot.Testing.Fakes;
using IncidentBot.Testing.Fakes.Cosmos;

namespace IncidentBot.Testing.Hosts;

/// <summary>
/// What the several-instance tests and the instances bench share: one Cosmos DB test server, one
/// redis-server, the Slack stand-in with the on-call people, an on-call file, and the settings that
/// make every bot an instance of the same deployment (the same container, the same job storage).
/// </summary>
public sealed class SeveralInstances : IAsyncDisposable
{
    public const string SigningSecret = "several-instances-signing-secret";
    public const string Announcements = "C0ANNOUNCE";
    public const string One = "U0RESPONE";
    public const string Two = "U0RESPTWO";

    private readonly string _directory = Path.Combine(Path.GetTempPath(), "incidentbot-tests", "instances-" + Guid.NewGuid().ToString("N"));
    private int _triggers;

    private SeveralInstances(CosmosTestServer cosmos, RedisTestServer redis, FakeSlackServer slack)
    {
        Cosmos = cosmos;
        Redis = redis;
        Slack = slack;
        Directory.CreateDirectory(_directory);
    }

    public CosmosTestServer Cosmos { get; }

    public RedisTestServer Redis { get; }

    public FakeSlackServer Slack { get; }

    public string Database { get; } = "incidentbot-instances-" + Guid.NewGuid().ToString("N")[..8];

    public static async Task<SeveralInstances> StartAsync()
    {
        Hangfire.Logging.LogProvider.SetCurrentLogProvider(null);
        var cosmos = await CosmosTestServer.StartAsync();
        RedisTestServer? redis = null;
        FakeSlackServer slack;
        try
        {
            redis = await RedisTestServer.StartAsync();
            slack = await FakeSlackServer.StartAsync();
        }
        catch
        {
            // Whatever started must not outlive a failed start.
            if (redis is not null)
                await redis.DisposeAsync();
            await cosmos.DisposeAsync();
            throw;
        }
        slack.AddUser(new FakeSlackUser(One, "Responder One", "one@example.com", "UTC"));
        slack.AddUser(new FakeSlackUser(Two, "Responder Two", "two@example.com", "UTC"));
        return new SeveralInstances(cosmos, redis, slack);
    }

    /// <summary>The on-call responder is paged first; after <paramref name="firstWait"/> the page escalates to responder two.</summary>
    public string WriteOnCallFile(string firstWait) => WriteFile("oncall.yaml", $"""
            teams:
              - id: tns
                name: T&S incident managers
                policy: tns-incident
                members: [one@example.com, two@example.com]
            policies:
              - id: tns-incident
                name: T&S incident
                steps:
                  - person: one@example.com
                    wait: {firstWait}
                  - person: two@example.com
                    wait: 10m
            routing:
              - name: everything
                page: [tns-incident]
            """);

    /// <summary>Writes <paramref name="text"/> to a file of this run's folder (removed at the end) and returns its path.</summary>
    public string WriteFile(string name, string text)
    {
        var path = Path.Combine(_directory, name);
        File.WriteAllText(path, text);
        return path;
    }

    /// <summary>The settings of instance <paramref name="name"/>: everything shared but its own local files.</summary>
    public Dictionary<string, string> Settings(string name, string onCallPath) => new()
    {
        ["Cosmos:Endpoint"] = Cosmos.Endpoint.ToString(),
        ["Cosmos:Key"] = CosmosTestServer.Key,
        ["Cosmos:Database"] = Database,
        ["Cosmos:ConnectionMode"] = "Gateway",
        ["Cosmos:AcceptSelfSignedCertificate"] = "true",
        ["Jobs:Storage"] = "Redis",
        ["Jobs:Redis:ConnectionString"] = Redis.ConnectionString,
        ["Jobs:ReconcileIntervalSeconds"] = "1",
        ["Slack:SigningSecret"] = SigningSecret,
        ["Slack:BotToken"] = Slack.BotToken,
        ["Slack:ApiBaseUrl"] = Slack.ApiBaseUrl,
        ["Slack:AllowLoopbackTargets"] = "true",
        ["Slack:AnnouncementChannel"] = Announcements,
        ["OnCall:ConfigPath"] = onCallPath,
        ["Storage:Path"] = Path.Combine(_directory, name, "unused.db"),
        ["Spool:Path"] = Path.Combine(_directory, name, "pending-declares.db"),
        ["Spool:RetryIntervalSeconds"] = "1",
    };

    /// <summary>A signed <c>/incident</c> command as Slack sends it; a retry of the same request sends the same bytes.</summary>
    public HttpRequestMessage Command(string text, string? trigger = null, string? timestamp = null)
    {
        var body = string.Join("&", new Dictionary<string, string>
        {
            ["team_id"] = FakeSlackServer.TeamId,
            ["user_id"] = "U0REPORTER",
            ["channel_id"] = "C0GENERAL",
            ["command"] = "/incident",
            ["text"] = text,
            ["trigger_id"] = trigger ?? "T" + Interlocked.Increment(ref _triggers).ToString(CultureInfo.InvariantCulture),
        }.Select(field => field.Key + "=" + Uri.EscapeDataString(field.Value)));
        timestamp ??= DateTimeOffset.UtcNow.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
        var signature = "v0=" + Convert.ToHexStringLower(
            HMACSHA256.HashData(Encoding.UTF8.GetBytes(SigningSecret), Encoding.UTF8.GetBytes($"v0:{timestamp}:{body}")));
        var request = new HttpRequestMessage(HttpMethod.Post, new Uri("/slack/commands", UriKind.Relative))
        {
            Content = new StringContent(body, Encoding.UTF8, "application/x-www-form-urlencoded"),
        };
        request.Headers.Add("X-Slack-Request-Timestamp", timestamp);
        request.Headers.Add("X-Slack-Signature", signature);
        return request;
    }

    public static async Task<string> AnswerAsync(HttpResponseMessage response)
    {
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return (string?)JsonNode.Parse(await response.Content.ReadAsStringAsync())!["text"] ?? "";
    }

    /// <summary>A declare is answered with its number, or (past the answer budget on a cold or busy instance) as being recorded.</summary>
    public static void AssertDeclaredOrRecording(string answer) =>
        Assert.True(answer.Contains("declared", StringComparison.Ordinal) || answer.Contains("being recorded", StringComparison.Ordinal), answer);

    public async ValueTask DisposeAsync()
    {
        await Slack.DisposeAsync();
        await Redis.DisposeAsync();
        await Cosmos.DisposeAsync();
        try
        {
            Directory.Delete(_directory, recursive: true);
        }
        catch (IOException)
        {
            // A file still held by a process that is going away; the temp folder is cleaned by the system.
        }
    }
}
