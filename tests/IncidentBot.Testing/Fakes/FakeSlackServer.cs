using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace IncidentBot.Testing.Fakes;

/// <summary>
/// A local stand-in for Slack: a real Kestrel server on <c>127.0.0.1</c> with an OS-chosen port.
/// <list type="bullet">
/// <item><c>POST /api/{method}</c>: the Web API. Point <c>SlackOptions.ApiBaseUrl</c> at <see cref="ApiBaseUrl"/>.</item>
/// <item><c>POST /response/{id}</c>: a response_url; hand out <see cref="ResponseUrlFor"/>.</item>
/// <item><c>POST /upload/{fileId}</c>: the upload URL that <c>files.getUploadURLExternal</c> returns.</item>
/// </list>
/// Every request is recorded (<see cref="Calls"/>, <see cref="ResponseUrlPosts"/>, <see cref="Uploads"/>) and can
/// be awaited (<see cref="WaitForCallAsync"/>, ...). Methods answer with Slack's documented success shape
/// and keep just enough state to behave like Slack: created channel names are taken, posted messages
/// come back from <c>conversations.history</c>/<c>replies</c>, a second pin is <c>already_pinned</c>, a post
/// to a user id lands in that user's DM (<c>D…</c>). Calls without the bot token get <c>not_authed</c> or
/// <c>invalid_auth</c>. Script failures with <see cref="FailNext"/>, <see cref="FailAlways"/>,
/// <see cref="RateLimitNext"/>, <see cref="ReplyNext"/>, <see cref="ReplyNextRaw"/> and <see cref="TakeChannelNames"/>;
/// scripted answers are used in the order given, before the default behaviour.
/// <code>
/// await using var slack = await FakeSlackServer.StartAsync();
/// services.Configure&lt;SlackOptions&gt;(o => { o.BotToken = slack.BotToken; o.ApiBaseUrl = slack.ApiBaseUrl; });
/// slack.FailNext("chat.postMessage", "channel_not_found");
/// ... act ...
/// var post = await slack.WaitForCallAsync("chat.postMessage", c => c.Arg("channel") == "C0123");
/// </code>
/// </summary>
public sealed class FakeSlackServer : IAsyncDisposable
{
    public const string DefaultBotToken = "xoxb-0000000000-fake-test-token";

    /// <summary>The app-level token <c>apps.connections.open</c> accepts.</summary>
    public const string AppToken = "xapp-1-A0TESTAPP-0000-fake-app-token";
    public const string TeamId = "T0TESTTEAM";
    public const string BotUserId = "U0TESTBOT";
    public const string BotId = "B0TESTBOT";

    /// <summary>How long the WaitFor methods wait unless told otherwise: generous, as CI machines are slow.</summary>
    // Generous: a wait ends as soon as the call arrives, and a loaded CI machine can be slow to get there.
    public static readonly TimeSpan DefaultWaitTimeout = TimeSpan.FromSeconds(30);

    /// <summary>The first ts handed out is <c>1732540000.000100</c>; each next one is 100 µs later.</summary>
    public const long FirstTsSeconds = 1732540000;

    private const string JsonContentType = "application/json; charset=utf-8";

    private readonly List<TargetedFailure> _targeted = [];
    private readonly WebApplication _app;
    private readonly Lock _gate = new();
    private readonly CallLog<SlackApiCall> _calls = new("Web API call");
    private readonly CallLog<ResponseUrlPost> _responseUrlPosts = new("response_url post");
    private readonly CallLog<FakeFileUpload> _uploads = new("file upload");
    private readonly Dictionary<string, Queue<Func<SlackApiCall, Reply>>> _next = new(StringComparer.Ordinal);
    private readonly Dictionary<string, Func<SlackApiCall, Reply>> _always = new(StringComparer.Ordinal);
    private readonly Dictionary<string, int> _rejectedResponseUrls = new(StringComparer.Ordinal);
    private readonly HashSet<string> _takenNames = new(StringComparer.Ordinal);
    private readonly Dictionary<string, FakeSlackUser> _users = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string[]> _userGroups = new(StringComparer.Ordinal);
    private readonly Dictionary<string, List<StoredMessage>> _messages = new(StringComparer.Ordinal);
    private readonly HashSet<(string Channel, string Ts)> _pins = [];
    private readonly HashSet<(string Channel, string Ts, string Name)> _reactions = [];
    private readonly Dictionary<string, string> _directChannels = new(StringComparer.Ordinal);
    private long _lastId;
    private long _lastTs;
    private FakeSocketModeServer? _socketMode;

    private FakeSlackServer(WebApplication app, string botToken)
    {
        _app = app;
        BotToken = botToken;
        app.MapMethods("/api/{method}", ["GET", "POST"], HandleApiAsync);
        app.MapPost("/response/{id}", HandleResponseUrlAsync);
        app.MapPost("/upload/{fileId}", HandleUploadAsync);
    }

    /// <summary>The token the fake accepts in <c>Authorization: Bearer …</c>.</summary>
    public string BotToken { get; }

    /// <summary><c>http://127.0.0.1:{port}/</c>.</summary>
    public Uri BaseAddress { get; private set; } = null!;

    /// <summary>The value for <c>SlackOptions.ApiBaseUrl</c>: <c>http://127.0.0.1:{port}/api/</c>.</summary>
    public string ApiBaseUrl => new Uri(BaseAddress, "api/").ToString();

    /// <summary>Every Web API call so far, in arrival order.</summary>
    public IReadOnlyList<SlackApiCall> Calls => _calls.Snapshot();

    public IReadOnlyList<ResponseUrlPost> ResponseUrlPosts => _responseUrlPosts.Snapshot();

    public IReadOnlyList<FakeFileUpload> Uploads => _uploads.Snapshot();

    public static async Task<FakeSlackServer> StartAsync(string botToken = DefaultBotToken, CancellationToken cancellationToken = default)
    {
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { Args = [] });
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0));
        builder.Logging.ClearProviders();
        var server = new FakeSlackServer(builder.Build(), botToken);
        await server._app.StartAsync(cancellationToken);
        var address = server._app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.Single();
        server.BaseAddress = new Uri(address.EndsWith('/') ? address : address + "/");
        return server;
    }

    /// <summary><c>apps.connections.open</c> (with <see cref="AppToken"/>) hands out URLs of <paramref name="socketMode"/>.</summary>
    public void UseSocketMode(FakeSocketModeServer socketMode) => _socketMode = socketMode;

    /// <summary>A response_url served by this fake; posts to it are recorded under <paramref name="id"/>.</summary>
    public string ResponseUrlFor(string id) => new Uri(BaseAddress, "response/" + Uri.EscapeDataString(id)).ToString();

    public IReadOnlyList<SlackApiCall> CallsTo(string method) => [.. Calls.Where(c => c.Method == method)];

    /// <summary>
    /// The first call to <paramref name="method"/> matching <paramref name="predicate"/>, including calls
    /// already recorded. It completes once the fake has answered the call (the client may still be
    /// reading the answer). Throws <see cref="TimeoutException"/> listing what was recorded.
    /// </summary>
    public async Task<SlackApiCall> WaitForCallAsync(string method, Func<SlackApiCall, bool>? predicate = null, TimeSpan? timeout = null) =>
        (await WaitForCallsAsync(method, 1, predicate, timeout))[0];

    /// <summary>The first <paramref name="count"/> calls to <paramref name="method"/> (matching <paramref name="predicate"/>).</summary>
    public Task<IReadOnlyList<SlackApiCall>> WaitForCallsAsync(string method, int count, Func<SlackApiCall, bool>? predicate = null, TimeSpan? timeout = null) =>
        _calls.WaitAsync(c => c.Method == method && (predicate?.Invoke(c) ?? true), count, timeout ?? DefaultWaitTimeout, method);

    /// <summary>The first call of any method matching <paramref name="predicate"/>.</summary>
    public async Task<SlackApiCall> WaitForAnyCallAsync(Func<SlackApiCall, bool> predicate, string description, TimeSpan? timeout = null) =>
        (await _calls.WaitAsync(predicate, 1, timeout ?? DefaultWaitTimeout, description))[0];

    public async Task<ResponseUrlPost> WaitForResponseUrlPostAsync(string id, TimeSpan? timeout = null) =>
        (await _responseUrlPosts.WaitAsync(p => p.Id == id, 1, timeout ?? DefaultWaitTimeout, $"response/{id}"))[0];

    public async Task<FakeFileUpload> WaitForUploadAsync(string fileId, TimeSpan? timeout = null) =>
        (await _uploads.WaitAsync(u => u.FileId == fileId, 1, timeout ?? DefaultWaitTimeout, $"upload/{fileId}"))[0];

    /// <summary>The next <paramref name="times"/> calls to <paramref name="method"/> answer <c>{"ok":false,"error":…}</c>.</summary>
    public void FailNext(string method, string error, int times = 1)
    {
        for (var i = 0; i < times; i++)
            Enqueue(method, _ => Error(error));
    }

    /// <summary>Every call to <paramref name="method"/> (after any scripted ones) answers this error.</summary>
    public void FailAlways(string method, string error)
    {
        lock (_gate)
            _always[method] = _ => Error(error);
    }

    /// <summary>Ends <see cref="FailAlways"/> for <paramref name="method"/>: Slack is back.</summary>
    public void StopFailing(string method)
    {
        lock (_gate)
            _always.Remove(method);
    }

    /// <summary>The next <paramref name="calls"/> calls answer HTTP 429 with <c>Retry-After: retryAfterSeconds</c>, as Slack does.</summary>
    public void RateLimitNext(string method, int calls, int retryAfterSeconds)
    {
        for (var i = 0; i < calls; i++)
            Enqueue(method, _ => new Reply(429, new JsonObject { ["ok"] = false, ["error"] = "ratelimited" }.ToJsonString(), JsonContentType, retryAfterSeconds));
    }

    /// <summary>
    /// The next call answers HTTP 200 with exactly <paramref name="body"/>, e.g. a <c>missing_scope</c>
    /// envelope with <c>needed</c>/<c>provided</c>, or <c>errors[]</c> for <c>conversations.invite</c>.
    /// </summary>
    public void ReplyNext(string method, JsonObject body)
    {
        var text = body.ToJsonString();
        Enqueue(method, _ => new Reply(200, text, JsonContentType));
    }

    /// <summary>
    /// The next <paramref name="times"/> calls to <paramref name="method"/> that match <paramref name="when"/>
    /// answer HTTP <paramref name="status"/> with an error page, as Slack does in an outage; other calls are not affected.
    /// </summary>
    public void FailHttp(string method, int status, Func<SlackApiCall, bool> when, int times)
    {
        lock (_gate)
            _targeted.Add(new TargetedFailure(method, when, times, new Reply(status, "<html><body>Service unavailable</body></html>", "text/html")));
    }

    /// <summary>The next call answers with anything at all: malformed JSON, an HTML error page, a 500.</summary>
    public void ReplyNextRaw(string method, int statusCode, string body, string contentType = "application/json; charset=utf-8") =>
        Enqueue(method, _ => new Reply(statusCode, body, contentType));

    /// <summary><c>conversations.create</c> answers <c>name_taken</c> for these names (as if the channels existed).</summary>
    public void TakeChannelNames(params string[] names)
    {
        lock (_gate)
            _takenNames.UnionWith(names);
    }

    public void AddUser(FakeSlackUser user)
    {
        lock (_gate)
            _users[user.Id] = user;
    }

    /// <summary>A user group (<c>S…</c>) for <c>usergroups.users.list</c>.</summary>
    public void AddUserGroup(string id, params string[] members)
    {
        lock (_gate)
            _userGroups[id] = members;
    }

    /// <summary>Puts a message in a channel's history, as if someone had posted it; returns its ts.</summary>
    public string AddMessage(string channel, string text, string user = "U0TESTUSER", string? threadTs = null)
    {
        lock (_gate)
        {
            var ts = NextTs();
            Store(channel, new StoredMessage(ts, text, user, null, threadTs));
            return ts;
        }
    }

    /// <summary>Posts to this response_url get <paramref name="statusCode"/>, like an expired or used-up URL.</summary>
    public void RejectResponseUrl(string id, int statusCode = 404)
    {
        lock (_gate)
            _rejectedResponseUrls[id] = statusCode;
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }

    private async Task HandleApiAsync(HttpContext context)
    {
        var method = (string)context.Request.RouteValues["method"]!;
        var (headers, contentType, body) = await ReadAsync(context.Request);
        var form = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (key, value) in context.Request.Query)
            form[key] = value.ToString();
        JsonObject? json = null;
        if (contentType.StartsWith("application/json", StringComparison.OrdinalIgnoreCase))
            json = JsonNode.Parse(body) as JsonObject;
        else if (contentType.StartsWith("application/x-www-form-urlencoded", StringComparison.OrdinalIgnoreCase))
        {
            foreach (var (key, value) in QueryHelpers.ParseQuery(body))
                form[key] = value.ToString();
        }
        var call = new SlackApiCall(method, headers, contentType, body, json, form);
        Reply reply;
        lock (_gate)
            reply = Answer(call);
        _calls.Add(call);
        await WriteAsync(context.Response, reply);
    }

    private async Task HandleResponseUrlAsync(HttpContext context)
    {
        var id = (string)context.Request.RouteValues["id"]!;
        var (headers, contentType, body) = await ReadAsync(context.Request);
        var json = contentType.StartsWith("application/json", StringComparison.OrdinalIgnoreCase) ? JsonNode.Parse(body) as JsonObject : null;
        int? rejected;
        lock (_gate)
            rejected = _rejectedResponseUrls.TryGetValue(id, out var status) ? status : null;
        _responseUrlPosts.Add(new ResponseUrlPost(id, headers, contentType, body, json));
        await WriteAsync(context.Response, rejected is { } code
            ? new Reply(code, "expired_url", "text/plain")
            : new Reply(200, "ok", "text/plain"));
    }

    private async Task HandleUploadAsync(HttpContext context)
    {
        var fileId = (string)context.Request.RouteValues["fileId"]!;
        using var buffer = new MemoryStream();
        await context.Request.Body.CopyToAsync(buffer);
        var headers = Headers(context.Request);
        _uploads.Add(new FakeFileUpload(fileId, headers, context.Request.ContentType ?? "", buffer.ToArray()));
        await WriteAsync(context.Response, new Reply(200, $"OK - {buffer.Length}", "text/plain"));
    }

    private Reply Answer(SlackApiCall call)
    {
        var token = call.Authorization is { } authorization && authorization.StartsWith("Bearer ", StringComparison.Ordinal)
            ? authorization["Bearer ".Length..]
            : call.Arg("token");
        if (string.IsNullOrEmpty(token))
            return Error("not_authed");
        // Like Slack: apps.connections.open takes the app-level token in the header, and only that.
        if (call.Method == "apps.connections.open")
        {
            if (token == BotToken)
                return Error("not_allowed_token_type");
            if (token != AppToken || call.Authorization is null)
                return Error("invalid_auth");
        }
        else if (token != BotToken)
        {
            return Error("invalid_auth");
        }
        lock (_gate)
        {
            var targeted = _targeted.Find(t => t.Method == call.Method && t.Remaining > 0 && t.When(call));
            if (targeted is not null)
            {
                targeted.Remaining--;
                return targeted.Reply;
            }
        }
        if (_next.TryGetValue(call.Method, out var queue) && queue.TryDequeue(out var scripted))
            return scripted(call);
        if (_always.TryGetValue(call.Method, out var always))
            return always(call);
        return call.Method switch
        {
            "apps.connections.open" => _socketMode is { } socketMode ? Ok(new() { ["url"] = socketMode.NextUrl() }) : Error("socket_mode_not_enabled"),
            "auth.test" => Ok(new() { ["team_id"] = TeamId, ["user_id"] = BotUserId, ["bot_id"] = BotId }),
            "chat.postMessage" => PostMessage(call),
            "chat.update" => UpdateMessage(call),
            "chat.postEphemeral" => call.Arg("channel") is null ? Error("channel_not_found") : Ok(new() { ["message_ts"] = NextTs() }),
            "chat.getPermalink" => Permalink(call),
            "conversations.create" => CreateConversation(call),
            "conversations.invite" => call.Arg("users") is { Length: > 0 }
                ? Ok(new() { ["channel"] = Conversation(call.Arg("channel") ?? "", null, false) })
                : Error("no_user"),
            "conversations.setTopic" => Ok(new()
            {
                ["channel"] = new JsonObject
                {
                    ["id"] = call.Arg("channel"),
                    ["topic"] = new JsonObject { ["value"] = call.Arg("topic"), ["creator"] = BotUserId, ["last_set"] = FirstTsSeconds },
                },
            }),
            "conversations.archive" => call.Arg("channel") is { Length: > 0 } ? Ok(new JsonObject()) : Error("channel_not_found"),
            "conversations.history" => History(call),
            "conversations.replies" => Replies(call),
            "pins.add" => _pins.Add((call.Arg("channel") ?? "", call.Arg("timestamp") ?? "")) ? Ok(new JsonObject()) : Error("already_pinned"),
            "reactions.add" => call.Arg("name") is not { Length: > 0 } || call.Arg("timestamp") is not { Length: > 0 } ? Error("invalid_arguments")
                : AddReaction(call) ? Ok(new JsonObject()) : Error("already_reacted"),
            "users.info" => call.Arg("user") is { Length: > 0 } id ? Ok(new() { ["user"] = User(KnownUser(id)) }) : Error("user_not_found"),
            "users.lookupByEmail" => _users.Values.FirstOrDefault(u => string.Equals(u.Email, call.Arg("email"), StringComparison.OrdinalIgnoreCase)) is { } user
                ? Ok(new() { ["user"] = User(user) })
                : Error("users_not_found"),
            "usergroups.users.list" => call.Arg("usergroup") is { } group && _userGroups.TryGetValue(group, out var members)
                ? Ok(new() { ["users"] = new JsonArray([.. members.Select(m => (JsonNode)m)]) })
                : Error("no_such_subteam"),
            "views.open" => OpenView(call),
            "views.update" => UpdateView(call),
            "files.getUploadURLExternal" => UploadUrl(call),
            "files.completeUploadExternal" => CompleteUpload(call),
            _ => Error("unknown_method"),
        };
    }

    private bool AddReaction(SlackApiCall call)
    {
        lock (_reactions)
            return _reactions.Add((call.Arg("channel") ?? "", call.Arg("timestamp") ?? "", call.Arg("name") ?? ""));
    }

    private Reply PostMessage(SlackApiCall call)
    {
        if (call.Arg("channel") is not { Length: > 0 } target)
            return Error("channel_not_found");
        if (call.Arg("text") is null && call.JsonArg("blocks") is null)
            return Error("no_text");
        // Posting to a user id is how a bot opens a DM: the answer names the DM channel.
        var channel = target[0] is 'U' or 'W' ? DirectChannel(target) : target;
        var ts = NextTs();
        var message = new StoredMessage(ts, call.Arg("text") ?? "", BotUserId, BotId, call.Arg("thread_ts"));
        Store(channel, message);
        return Ok(new() { ["channel"] = channel, ["ts"] = ts, ["message"] = Message(message) });
    }

    private Reply UpdateMessage(SlackApiCall call)
    {
        var channel = call.Arg("channel") ?? "";
        var ts = call.Arg("ts") ?? "";
        var messages = _messages.GetValueOrDefault(channel) ?? [];
        var index = messages.FindIndex(m => m.Ts == ts);
        if (index < 0)
            return Error("message_not_found");
        messages[index] = messages[index] with { Text = call.Arg("text") ?? messages[index].Text };
        return Ok(new()
        {
            ["channel"] = channel,
            ["ts"] = ts,
            ["text"] = messages[index].Text,
            ["message"] = new JsonObject { ["text"] = messages[index].Text, ["user"] = BotUserId },
        });
    }

    private static Reply Permalink(SlackApiCall call)
    {
        var channel = call.Arg("channel") ?? "";
        var ts = call.Arg("message_ts") ?? "";
        return Ok(new()
        {
            ["channel"] = channel,
            ["permalink"] = $"https://incidentbot-test.slack.com/archives/{channel}/p{ts.Replace(".", "", StringComparison.Ordinal)}",
        });
    }

    private Reply CreateConversation(SlackApiCall call)
    {
        if (call.Arg("name") is not { Length: > 0 } name)
            return Error("invalid_name_required");
        if (!_takenNames.Add(name))
            return Error("name_taken");
        var isPrivate = call.Arg("is_private") == "true";
        return Ok(new() { ["channel"] = Conversation(NextId('C'), name, isPrivate) });
    }

    private Reply History(SlackApiCall call)
    {
        var latest = call.Arg("latest") is { } l ? decimal.Parse(l, CultureInfo.InvariantCulture) : decimal.MaxValue;
        var inclusive = call.Arg("inclusive") is "true" or "1";
        var limit = call.Arg("limit") is { } n ? int.Parse(n, CultureInfo.InvariantCulture) : 100;
        var found = (_messages.GetValueOrDefault(call.Arg("channel") ?? "") ?? [])
            .Where(m => m.ThreadTs is null || m.ThreadTs == m.Ts)
            .Where(m => inclusive ? m.TsValue <= latest : m.TsValue < latest)
            .OrderByDescending(m => m.TsValue)
            .Take(limit);
        return Ok(new() { ["messages"] = new JsonArray([.. found.Select(Message)]), ["has_more"] = false });
    }

    private Reply Replies(SlackApiCall call)
    {
        var ts = call.Arg("ts") ?? "";
        var messages = _messages.GetValueOrDefault(call.Arg("channel") ?? "") ?? [];
        var asked = messages.FirstOrDefault(m => m.Ts == ts);
        if (asked is null)
            return Error("thread_not_found");
        var parent = asked.ThreadTs ?? asked.Ts;
        var oldest = call.Arg("oldest") is { } o ? decimal.Parse(o, CultureInfo.InvariantCulture) : decimal.MinValue;
        var latest = call.Arg("latest") is { } l ? decimal.Parse(l, CultureInfo.InvariantCulture) : decimal.MaxValue;
        var inclusive = call.Arg("inclusive") is "true" or "1";
        var limit = call.Arg("limit") is { } n ? int.Parse(n, CultureInfo.InvariantCulture) : 100;
        var thread = messages.Where(m => m.Ts == parent || m.ThreadTs == parent).OrderBy(m => m.TsValue).ToList();
        // Like Slack, the parent always comes first, whatever the bounds.
        var inRange = thread.Where(m => m.Ts != parent)
            .Where(m => inclusive ? m.TsValue >= oldest && m.TsValue <= latest : m.TsValue > oldest && m.TsValue < latest);
        var found = thread.Take(1).Concat(inRange).Take(limit);
        return Ok(new() { ["messages"] = new JsonArray([.. found.Select(Message)]), ["has_more"] = false });
    }

    private Reply OpenView(SlackApiCall call)
    {
        if (call.Arg("trigger_id") is not { Length: > 0 })
            return Error("invalid_arguments", "invalid `trigger_id`");
        if (call.JsonArg("view") is not JsonObject view)
            return Error("invalid_arguments", "missing required field: view");
        var id = NextId('V');
        return Ok(new() { ["view"] = View(view, id) });
    }

    private Reply UpdateView(SlackApiCall call)
    {
        if (call.Arg("view_id") is not { Length: > 0 } id)
            return Error("not_found");
        if (call.JsonArg("view") is not JsonObject view)
            return Error("invalid_arguments", "missing required field: view");
        return Ok(new() { ["view"] = View(view, id) });
    }

    private Reply UploadUrl(SlackApiCall call)
    {
        if (call.Arg("filename") is not { Length: > 0 } || call.Arg("length") is not { Length: > 0 })
            return Error("invalid_arguments");
        var fileId = NextId('F');
        return Ok(new() { ["upload_url"] = new Uri(BaseAddress, "upload/" + fileId).ToString(), ["file_id"] = fileId });
    }

    private static Reply CompleteUpload(SlackApiCall call)
    {
        if (call.JsonArg("files") is not JsonArray { Count: > 0 } files)
            return Error("invalid_arguments");
        return Ok(new()
        {
            ["files"] = new JsonArray([.. files.Select(f => new JsonObject { ["id"] = f?["id"]?.DeepClone(), ["title"] = f?["title"]?.DeepClone() })]),
        });
    }

    private FakeSlackUser KnownUser(string id) =>
        _users.GetValueOrDefault(id) ?? new FakeSlackUser(id, $"Test User {id}");

    private JsonObject View(JsonObject submitted, string id)
    {
        var view = (JsonObject)submitted.DeepClone();
        view["id"] = id;
        view["team_id"] = TeamId;
        view["hash"] = NextTs() + ".fakehash";
        view["state"] = new JsonObject { ["values"] = new JsonObject() };
        view["root_view_id"] = id;
        view["bot_id"] = BotId;
        return view;
    }

    private static JsonObject User(FakeSlackUser user) => new()
    {
        ["id"] = user.Id,
        ["team_id"] = TeamId,
        ["name"] = user.RealName.ToLowerInvariant().Replace(' ', '.'),
        ["deleted"] = false,
        ["real_name"] = user.RealName,
        ["tz"] = user.Tz,
        ["tz_label"] = user.Tz,
        ["tz_offset"] = 0,
        ["profile"] = new JsonObject
        {
            ["real_name"] = user.RealName,
            ["display_name"] = user.RealName.Split(' ')[0],
            ["email"] = user.Email,
            ["team"] = TeamId,
        },
        ["is_admin"] = false,
        ["is_bot"] = user.IsBot,
        ["updated"] = FirstTsSeconds,
    };

    private static JsonObject Conversation(string id, string? name, bool isPrivate) => new()
    {
        ["id"] = id,
        ["name"] = name,
        ["is_channel"] = true,
        ["is_group"] = false,
        ["is_im"] = false,
        ["is_mpim"] = false,
        ["is_private"] = isPrivate,
        ["created"] = FirstTsSeconds,
        ["creator"] = BotUserId,
        ["is_archived"] = false,
        ["is_general"] = false,
        ["name_normalized"] = name,
        ["is_member"] = true,
        ["topic"] = new JsonObject { ["value"] = "", ["creator"] = "", ["last_set"] = 0 },
        ["purpose"] = new JsonObject { ["value"] = "", ["creator"] = "", ["last_set"] = 0 },
        ["previous_names"] = new JsonArray(),
    };

    private static JsonObject Message(StoredMessage message)
    {
        var json = new JsonObject { ["type"] = "message", ["ts"] = message.Ts, ["text"] = message.Text, ["user"] = message.User };
        if (message.BotId is not null)
            json["bot_id"] = message.BotId;
        if (message.ThreadTs is not null)
            json["thread_ts"] = message.ThreadTs;
        return json;
    }

    private string DirectChannel(string user)
    {
        if (!_directChannels.TryGetValue(user, out var channel))
            _directChannels[user] = channel = NextId('D');
        return channel;
    }

    private void Store(string channel, StoredMessage message)
    {
        if (!_messages.TryGetValue(channel, out var list))
            _messages[channel] = list = [];
        list.Add(message);
    }

    private void Enqueue(string method, Func<SlackApiCall, Reply> reply)
    {
        lock (_gate)
        {
            if (!_next.TryGetValue(method, out var queue))
                _next[method] = queue = new();
            queue.Enqueue(reply);
        }
    }

    private string NextId(char prefix) =>
        string.Create(CultureInfo.InvariantCulture, $"{prefix}0{Interlocked.Increment(ref _lastId):D8}");

    private string NextTs()
    {
        var n = Interlocked.Increment(ref _lastTs);
        return string.Create(CultureInfo.InvariantCulture, $"{FirstTsSeconds + (n / 10_000)}.{n % 10_000 * 100:D6}");
    }

    private static Reply Ok(JsonObject fields)
    {
        var body = new JsonObject { ["ok"] = true };
        foreach (var (key, value) in fields.ToArray())
        {
            fields.Remove(key);
            body[key] = value;
        }
        return new Reply(200, body.ToJsonString(), JsonContentType);
    }

    private static Reply Error(string error, params string[] messages)
    {
        var body = new JsonObject { ["ok"] = false, ["error"] = error };
        if (messages.Length > 0)
            body["response_metadata"] = new JsonObject { ["messages"] = new JsonArray([.. messages.Select(m => JsonValue.Create("[ERROR] " + m))]) };
        return new Reply(200, body.ToJsonString(), JsonContentType);
    }

    private static async Task<(IReadOnlyDictionary<string, string> Headers, string ContentType, string Body)> ReadAsync(HttpRequest request)
    {
        using var reader = new StreamReader(request.Body, Encoding.UTF8);
        var body = await reader.ReadToEndAsync();
        return (Headers(request), request.ContentType ?? "", body);
    }

    private static Dictionary<string, string> Headers(HttpRequest request) =>
        request.Headers.ToDictionary(h => h.Key, h => h.Value.ToString(), StringComparer.OrdinalIgnoreCase);

    private static async Task WriteAsync(HttpResponse response, Reply reply)
    {
        response.StatusCode = reply.Status;
        response.ContentType = reply.ContentType;
        if (reply.RetryAfterSeconds is { } seconds)
            response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
        await response.WriteAsync(reply.Body);
    }

    private sealed record Reply(int Status, string Body, string ContentType, int? RetryAfterSeconds = null);

    private sealed class TargetedFailure(string method, Func<SlackApiCall, bool> when, int times, Reply reply)
    {
        public string Method { get; } = method;

        public Func<SlackApiCall, bool> When { get; } = when;

        public int Remaining { get; set; } = times;

        public Reply Reply { get; } = reply;
    }

    private sealed record StoredMessage(string Ts, string Text, string User, string? BotId, string? ThreadTs)
    {
        public decimal TsValue => decimal.Parse(Ts, CultureInfo.InvariantCulture);
    }
}
