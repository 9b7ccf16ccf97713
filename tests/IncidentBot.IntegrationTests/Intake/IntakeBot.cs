using System.Globalization;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using IncidentBot.Dialogs.Incidents;
using IncidentBot.Intake;
using IncidentBot.IntegrationTests.Bot;
using IncidentBot.IntegrationTests.Storage.Cosmos;
using Microsoft.Extensions.Time.Testing;

namespace IncidentBot.IntegrationTests.Intake;

/// <summary>
/// The whole bot with the intake configured (a key per source; the user-report source also signs),
/// over real HTTP on a fake clock, on the embedded store or on the Cosmos-protocol test server.
/// </summary>
public sealed class IntakeBot : SlackBotFixture
{
    public const string Workspace = "T0INTAKE";
    public const string RegulatorKey = "regulator-key-0123456789abcdef";
    public const string PartnerKey = "partner-key-0123456789abcdef";
    public const string TrendingKey = "trending-key-0123456789abcdef";
    public const string UserReportKey = "user-report-key-0123456789abcdef";
    public const string UserReportSecret = "user-report-signing-secret";
    public const string PartnerChannel = "C0PARTNERS";

    /// <summary>Tuesday 3 March 2026, 10:00 UTC.</summary>
    public static readonly DateTimeOffset Start = new(2026, 3, 3, 10, 0, 0, TimeSpan.Zero);

    private readonly bool _onCosmos;
    private readonly IReadOnlyDictionary<string, string?> _extraSettings;
    private readonly IReadOnlyList<FakeSlackUser> _users;
    private CosmosServerFixture? _cosmos;

    public IntakeBot()
        : this(onCosmos: false)
    {
    }

    private IntakeBot(bool onCosmos, IReadOnlyDictionary<string, string?>? settings = null, IReadOnlyList<FakeSlackUser>? users = null)
    {
        _onCosmos = onCosmos;
        _extraSettings = settings ?? new Dictionary<string, string?>();
        _users = users ?? [];
    }

    public static IntakeBot OnCosmos() => new(onCosmos: true);

    /// <summary>On the embedded store, with more settings (an on-call file) and the Slack users they name.</summary>
    public static IntakeBot With(IReadOnlyDictionary<string, string?> settings, params FakeSlackUser[] users) => new(onCosmos: false, settings, users);

    public FakeTimeProvider Clock { get; } = new(Start);

    protected override BotHostOptions BotOptions
    {
        get
        {
            var settings = new Dictionary<string, string?>
            {
                ["Intake:WorkspaceId"] = Workspace,
                ["Intake:Platform"] = "slack",
                ["Intake:Sources:regulator:Key"] = RegulatorKey,
                ["Intake:Sources:partner:Key"] = PartnerKey,
                ["Intake:Sources:trending:Key"] = TrendingKey,
                ["Intake:Sources:user-report:Key"] = UserReportKey,
                ["Intake:Sources:user-report:SigningSecret"] = UserReportSecret,
                ["Intake:EmailAuthorities:meity.gov.in"] = "MeitY",
                ["Intake:Email:MaxAttachmentBytes"] = "1000000",
                ["Intake:Slack:Channels:0"] = PartnerChannel,
            };
            foreach (var (key, value) in _extraSettings)
                settings[key] = value;
            if (_cosmos is not null)
            {
                settings["Cosmos:Endpoint"] = _cosmos.Server.Endpoint.ToString();
                settings["Cosmos:Key"] = CosmosTestServer.Key;
                settings["Cosmos:Database"] = "intake-" + Guid.NewGuid().ToString("N")[..8];
                settings["Cosmos:ConnectionMode"] = "Gateway";
                settings["Cosmos:AcceptSelfSignedCertificate"] = "true";
            }
            return new BotHostOptions { Clock = Clock, Settings = settings };
        }
    }

    protected override void ArrangeSlack(FakeSlackServer slack)
    {
        foreach (var user in _users)
            slack.AddUser(user);
    }

    public override async Task InitializeAsync()
    {
        Hangfire.Logging.LogProvider.SetCurrentLogProvider(null);
        if (_onCosmos)
        {
            _cosmos = new CosmosServerFixture();
            await _cosmos.InitializeAsync();
        }
        await base.InitializeAsync();
    }

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        if (_cosmos is not null)
            await _cosmos.DisposeAsync();
    }

    public static string KeyOf(IncidentSource source) => source switch
    {
        IncidentSource.Regulator => RegulatorKey,
        IncidentSource.Partner => PartnerKey,
        IncidentSource.Trending => TrendingKey,
        _ => UserReportKey,
    };

    public static string NewId() => Guid.NewGuid().ToString("N")[..12];

    /// <summary>POSTs a body as it is, with a source's key (or <paramref name="key"/>), signed when the source signs.</summary>
    public async Task<HttpResponseMessage> PostRawAsync(
        string path, string body, string? key, string contentType = "application/json", (string Timestamp, string Signature)? signature = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = new StringContent(body, Encoding.UTF8) };
        request.Content.Headers.ContentType = MediaTypeHeaderValue.Parse(contentType);
        if (key is not null)
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", key);
        var signed = signature ?? (key == UserReportKey ? Sign(body, Clock.GetUtcNow()) : null);
        if (signed is { } s)
        {
            request.Headers.Add(IntakeAuthenticator.TimestampHeader, s.Timestamp);
            request.Headers.Add(IntakeAuthenticator.SignatureHeader, s.Signature);
        }
        return await Client.SendAsync(request);
    }

    public Task<HttpResponseMessage> PostAsync(IncidentSource source, JsonNode report) =>
        PostRawAsync("/api/intake/reports", report.ToJsonString(), KeyOf(source));

    /// <summary>Posts a report that must be stored (202) and returns the answer.</summary>
    public async Task<JsonNode> ReportAsync(IncidentSource source, JsonNode report)
    {
        using var response = await PostAsync(source, report);
        var body = await response.Content.ReadAsStringAsync();
        if (response.StatusCode != System.Net.HttpStatusCode.Accepted)
            throw new InvalidOperationException($"Expected 202, got {(int)response.StatusCode}: {body}\n{Bot.ProblemLog()}");
        return JsonNode.Parse(body)!;
    }

    public static (string Timestamp, string Signature) Sign(string body, DateTimeOffset at, string secret = UserReportSecret)
    {
        var timestamp = at.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
        return (timestamp, "sha256=" + IntakeAuthenticator.Sign(secret, timestamp, Encoding.UTF8.GetBytes(body)));
    }

    public async Task<JsonNode> GetAsync(string path)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", BotApplication.ApiKey);
        using var response = await Client.SendAsync(request);
        var body = await response.Content.ReadAsStringAsync();
        if (!response.IsSuccessStatusCode)
            throw new InvalidOperationException($"GET {path}: {(int)response.StatusCode} {body}");
        return JsonNode.Parse(body)!;
    }

    public Task<JsonNode> IncidentAsync(int number) => GetAsync($"/api/incidents/{number}?workspace={Workspace}");

    public async Task<int> IncidentCountAsync() => (await GetAsync($"/api/incidents?workspace={Workspace}&limit=500")).AsArray().Count;

    /// <summary>Runs every stored work item due by the fake clock until none is left.</summary>
    public Task<int> RunDueAsync() => Bot.RunDueWorkAsync();

    public static JsonObject Report(string? trendKey = null, string? text = null, string? externalId = null) => new()
    {
        ["externalId"] = externalId ?? NewId(),
        ["text"] = text ?? "A dangerous challenge is trending: children are asked to hold their breath on camera.",
        ["trendKey"] = trendKey,
        ["market"] = "NP",
    };
}
