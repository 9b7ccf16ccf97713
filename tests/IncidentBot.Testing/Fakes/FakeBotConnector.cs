using System.Globalization;
using System.Net;
using System.Text.Json.Nodes;
using IncidentBot.Testing.Builders;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace IncidentBot.Testing.Fakes;

/// <summary>
/// A local stand-in for the Bot Connector (Teams' side of the Bot Framework REST API), on
/// <c>127.0.0.1</c> with an OS-chosen port. Hand its <see cref="ServiceUrl"/> out as the
/// activities' <c>serviceUrl</c>. It answers what the bot calls:
/// <list type="bullet">
/// <item><c>POST /v3/conversations</c>: a channel thread (<c>channelData.channel.id</c> → <c>{channel};messageid={n}</c>;
/// 500 <c>ConversationNotFound</c> for channels in <see cref="RemoveChannel"/>, recorded as <c>create-refused</c>)
/// or a personal chat (<c>a:chat-{member}</c>; 403 for people in <see cref="BlockUser"/>).</item>
/// <item><c>POST /v3/conversations/{id}/activities[/{replyToId}]</c>: a send or a reply, answered with a new id.</item>
/// <item><c>PUT /v3/conversations/{id}/activities/{activityId}</c>: an update.</item>
/// <item><c>GET /v3/conversations/{id}/members/{member}</c> and <c>/pagedmembers</c> (in pages, with a continuation token): the roster
/// from <see cref="AddMember"/>, or a team's own from <see cref="AddGroupMember"/>.</item>
/// </list>
/// Every call is recorded and can be awaited (<see cref="WaitForAsync"/>) without polling.
/// </summary>
public sealed class FakeBotConnector : IAsyncDisposable
{
    private readonly List<FailingSends> _failingSends = [];
    private readonly WebApplication _app;
    private readonly CallLog<ConnectorCall> _calls = new("Bot Connector call");
    private readonly Lock _gate = new();
    private readonly List<RosterMember> _roster = [];
    private readonly Dictionary<string, List<RosterMember>> _groups = new(StringComparer.Ordinal);
    private readonly HashSet<string> _blocked = new(StringComparer.Ordinal);
    private readonly HashSet<string> _missingChannels = new(StringComparer.Ordinal);
    private long _lastId = 1_764_000_000_000;

    private FakeBotConnector(WebApplication app)
    {
        _app = app;
        app.MapPost("/v3/conversations", CreateAsync);
        app.MapPost("/v3/conversations/{conversationId}/activities", (HttpContext http, string conversationId) => SendAsync(http, conversationId, null));
        app.MapPost("/v3/conversations/{conversationId}/activities/{replyToId}", (HttpContext http, string conversationId, string replyToId) => SendAsync(http, conversationId, replyToId));
        app.MapPut("/v3/conversations/{conversationId}/activities/{activityId}", UpdateAsync);
        app.MapGet("/v3/conversations/{conversationId}/members/{memberId}", Member);
        app.MapGet("/v3/conversations/{conversationId}/pagedmembers", Members);
    }

    /// <summary><c>http://127.0.0.1:{port}/</c>, the value for activities' <c>serviceUrl</c> and <c>Teams:ServiceUrl</c>.</summary>
    public string ServiceUrl { get; private set; } = "";

    public IReadOnlyList<ConnectorCall> Calls => _calls.Snapshot();

    public static async Task<FakeBotConnector> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { Args = [] });
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0));
        builder.Logging.ClearProviders();
        var connector = new FakeBotConnector(builder.Build());
        await connector._app.StartAsync();
        var address = connector._app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.Single();
        connector.ServiceUrl = address.EndsWith('/') ? address : address + "/";
        return connector;
    }

    /// <summary>Someone the roster knows, by Teams id and AAD object id.</summary>
    public void AddMember(string teamsUserId, string aadObjectId, string name, string? email = null)
    {
        lock (_gate)
            _roster.Add(new RosterMember(teamsUserId, aadObjectId, name, email));
    }

    /// <summary>
    /// A team (or group chat) of its own, by its conversation id: its <c>/pagedmembers</c> lists these
    /// people instead of the roster. Anyone in it is also added to the roster, as they are in the tenant.
    /// </summary>
    public void AddGroupMember(string groupConversationId, string teamsUserId, string aadObjectId, string name, string? email = null)
    {
        lock (_gate)
        {
            if (!_groups.TryGetValue(groupConversationId, out var group))
                _groups[groupConversationId] = group = [];
            var member = new RosterMember(teamsUserId, aadObjectId, name, email);
            group.Add(member);
            if (!_roster.Contains(member))
                _roster.Add(member);
        }
    }

    /// <summary>Creating a personal chat with this person answers 403, as when they blocked or never had the app.</summary>
    public void BlockUser(string teamsUserId)
    {
        lock (_gate)
            _blocked.Add(teamsUserId);
    }

    /// <summary>
    /// Starting a thread in this channel answers what the real Connector answered when the bot's
    /// incidents channel did not exist: HTTP 500 with error code <c>ConversationNotFound</c>.
    /// </summary>
    public void RemoveChannel(string channelId)
    {
        lock (_gate)
            _missingChannels.Add(channelId);
    }

    /// <summary>
    /// The next <paramref name="times"/> sends into a conversation that matches <paramref name="conversation"/>
    /// answer HTTP <paramref name="status"/> (recorded as <c>send-failed</c>), as the Connector does in an outage.
    /// </summary>
    public void FailSends(Func<string, bool> conversation, int times, int status = 500)
    {
        lock (_gate)
            _failingSends.Add(new FailingSends(conversation, status) { Remaining = times });
    }

    public async Task<ConnectorCall> WaitForAsync(Func<ConnectorCall, bool> predicate, string description, TimeSpan? timeout = null) =>
        (await WaitForAsync(predicate, 1, description, timeout))[0];

    public Task<IReadOnlyList<ConnectorCall>> WaitForAsync(Func<ConnectorCall, bool> predicate, int count, string description, TimeSpan? timeout = null) =>
        _calls.WaitAsync(predicate, count, timeout ?? FakeSlackServer.DefaultWaitTimeout, description);

    /// <summary>The personal chat id the fake gives a person.</summary>
    public static string PersonalChatId(string teamsUserId) => "a:chat-" + teamsUserId;

    private async Task CreateAsync(HttpContext http)
    {
        var body = await JsonNode.ParseAsync(http.Request.Body);
        var channel = (string?)body?["channelData"]?["channel"]?["id"];
        bool missing;
        lock (_gate)
            missing = channel is not null && _missingChannels.Contains(channel);
        if (missing)
        {
            _calls.Add(new ConnectorCall("create-refused", channel!, null, body, Authorization(http)));
            await Json(http, 500, new JsonObject { ["error"] = new JsonObject { ["code"] = "ConversationNotFound", ["message"] = "Conversation not found." } });
            return;
        }
        if (channel is not null)
        {
            var root = NextId();
            var thread = $"{channel};messageid={root}";
            _calls.Add(new ConnectorCall("create", thread, root, body, Authorization(http)));
            await Json(http, 201, new JsonObject { ["id"] = thread, ["activityId"] = root });
            return;
        }
        var member = (string?)body?["members"]?[0]?["id"] ?? "";
        bool blocked;
        lock (_gate)
            blocked = _blocked.Contains(member);
        if (blocked || member.Length == 0)
        {
            await Json(http, 403, new JsonObject { ["error"] = new JsonObject { ["code"] = "BotNotInConversationRoster", ["message"] = "The bot is not part of the conversation roster." } });
            return;
        }
        var chat = PersonalChatId(member);
        _calls.Add(new ConnectorCall("create", chat, null, body, Authorization(http)));
        await Json(http, 201, new JsonObject { ["id"] = chat });
    }

    private async Task SendAsync(HttpContext http, string conversationId, string? replyToId)
    {
        var body = await JsonNode.ParseAsync(http.Request.Body);
        FailingSends? failing;
        lock (_gate)
        {
            failing = _failingSends.Find(f => f.Remaining > 0 && f.Conversation(conversationId));
            if (failing is not null)
                failing.Remaining--;
        }
        if (failing is not null)
        {
            _calls.Add(new ConnectorCall("send-failed", conversationId, null, body, Authorization(http)));
            await Json(http, failing.Status, new JsonObject { ["error"] = new JsonObject { ["code"] = "ServiceError", ["message"] = "Try again later." } });
            return;
        }
        var id = NextId();
        _calls.Add(new ConnectorCall(replyToId is null ? "send" : "reply", conversationId, id, body, Authorization(http)));
        await Json(http, 200, new JsonObject { ["id"] = id });
    }

    private async Task UpdateAsync(HttpContext http, string conversationId, string activityId)
    {
        var body = await JsonNode.ParseAsync(http.Request.Body);
        _calls.Add(new ConnectorCall("update", conversationId, activityId, body, Authorization(http)));
        await Json(http, 200, new JsonObject { ["id"] = activityId });
    }

    private async Task Member(HttpContext http, string conversationId, string memberId)
    {
        _calls.Add(new ConnectorCall("member", conversationId, memberId, null, Authorization(http)));
        RosterMember? found;
        lock (_gate)
            found = _roster.FirstOrDefault(m => m.TeamsUserId == memberId || m.AadObjectId == memberId);
        if (found is null)
        {
            await Json(http, 404, new JsonObject { ["error"] = new JsonObject { ["code"] = "MemberNotFoundInConversation", ["message"] = "Not found." } });
            return;
        }
        await Json(http, 200, found.ToJson());
    }

    /// <summary>Pages of <c>pageSize</c> (default 500, as Teams), the continuation token being the next offset.</summary>
    private async Task Members(HttpContext http, string conversationId)
    {
        _calls.Add(new ConnectorCall("members", conversationId, null, null, Authorization(http)));
        var pageSize = int.TryParse(http.Request.Query["pageSize"], NumberStyles.Integer, CultureInfo.InvariantCulture, out var size) && size > 0 ? size : 500;
        var offset = int.TryParse(http.Request.Query["continuationToken"], NumberStyles.Integer, CultureInfo.InvariantCulture, out var from) ? from : 0;
        JsonArray members;
        int total;
        lock (_gate)
        {
            var roster = _groups.TryGetValue(conversationId, out var group) ? group : _roster;
            total = roster.Count;
            members = [.. roster.Skip(offset).Take(pageSize).Select(m => (JsonNode)m.ToJson())];
        }
        var page = new JsonObject { ["members"] = members };
        if (offset + pageSize < total)
            page["continuationToken"] = (offset + pageSize).ToString(CultureInfo.InvariantCulture);
        await Json(http, 200, page);
    }

    private string NextId() => Interlocked.Increment(ref _lastId).ToString(CultureInfo.InvariantCulture);

    private static string? Authorization(HttpContext http) =>
        http.Request.Headers.Authorization.Count > 0 ? http.Request.Headers.Authorization.ToString() : null;

    private static async Task Json(HttpContext http, int status, JsonObject body)
    {
        http.Response.StatusCode = status;
        http.Response.ContentType = "application/json; charset=utf-8";
        await http.Response.WriteAsync(body.ToJsonString());
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }

    private sealed record RosterMember(string TeamsUserId, string AadObjectId, string Name, string? Email)
    {
        public JsonObject ToJson() => new()
        {
            ["id"] = TeamsUserId,
            ["name"] = Name,
            ["aadObjectId"] = AadObjectId,
            ["email"] = Email,
            ["userPrincipalName"] = Email,
            ["tenantId"] = TeamsActivities.Tenant,
        };
    }

    private sealed record FailingSends(Func<string, bool> Conversation, int Status)
    {
        public int Remaining { get; set; }
    }
}
