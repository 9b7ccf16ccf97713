using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using IncidentBot.Dialogs.Incidents;
using IncidentBot.Testing.Builders;
using IncidentBot.Testing.Fakes;

namespace IncidentBot.Testing.Hosts;

/// <summary>
/// The whole bot (see <see cref="BotHost"/>) with Teams configured against a <see cref="FakeBotConnector"/>
/// for the tenant of <see cref="TeamsActivities"/>. Slack stays unconfigured.
/// </summary>
public sealed class TeamsBotApplication : BotHost
{
    /// <param name="settings">Added to the defaults; a null value removes that default.</param>
    /// <param name="environment">The host environment; WebApplicationFactory's default is Development.</param>
    /// <param name="remoteAddress">Every request reaches the bot as if its TCP peer had this address (<see cref="BotHostOptions.RemoteAddress"/>).</param>
    public TeamsBotApplication(
        FakeBotConnector connector, string databasePath, IDictionary<string, string?>? settings = null, TimeProvider? clock = null,
        string? environment = null, IPAddress? remoteAddress = null)
        : this(connector, databasePath, new BotHostOptions { Settings = settings, Clock = clock, Environment = environment, RemoteAddress = remoteAddress })
    {
    }

    public TeamsBotApplication(FakeBotConnector connector, string databasePath, BotHostOptions options)
        : base(databasePath, TeamsSettings(connector), options)
    {
        Connector = connector;
    }

    public FakeBotConnector Connector { get; }

    /// <summary>The events of one kind on a timeline of the tenant's incident, in order.</summary>
    public Task<List<TimelineEvent>> TimelineAsync(int number, TimelineKind kind) => TimelineAsync(TeamsActivities.Tenant, number, kind);

    /// <summary>POSTs an activity to <c>/api/messages</c>, as the Bot Connector does.</summary>
    public async Task<HttpResponseMessage> SendAsync(JsonObject activity, string? authorization = null, Dictionary<string, string>? headers = null)
    {
        ArgumentNullException.ThrowIfNull(activity);
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/messages")
        {
            Content = new StringContent(activity.ToJsonString(), Encoding.UTF8, "application/json"),
        };
        if (authorization is not null)
            request.Headers.Authorization = AuthenticationHeaderValue.Parse(authorization);
        foreach (var (name, value) in headers ?? [])
            request.Headers.TryAddWithoutValidation(name, value);
        return await Client.SendAsync(request);
    }

    public async Task<HttpResponseMessage> SendRawAsync(string body, string contentType = "application/json")
    {
        using var content = new StringContent(body, Encoding.UTF8, contentType);
        return await Client.PostAsync("/api/messages", content);
    }

    /// <summary>Waits for the bot to call the Bot Connector; on a timeout the failure shows the bot's warnings and errors.</summary>
    public Task<ConnectorCall> WaitForConnectorAsync(Func<ConnectorCall, bool> predicate, string description, TimeSpan? timeout = null) =>
        WithBotStateOnTimeoutAsync(Connector.WaitForAsync(predicate, description, timeout));

    private static Dictionary<string, string?> TeamsSettings(FakeBotConnector connector)
    {
        ArgumentNullException.ThrowIfNull(connector);
        return new Dictionary<string, string?>
        {
            ["Teams:TenantId"] = TeamsActivities.Tenant,
            ["Teams:IncidentsChannelId"] = TeamsActivities.IncidentsChannel,
            ["Teams:AnnouncementChannelId"] = TeamsActivities.AnnouncementChannel,
            ["Teams:ServiceUrl"] = connector.ServiceUrl,
        };
    }
}
