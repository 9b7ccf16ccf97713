using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http.Features;

namespace IncidentBot.Bench;

/// <summary>
/// A minimal Bot Connector on 127.0.0.1: answers sends and replies with a new id and notes
/// the moment each reply arrives, keyed by the activity it answers (<c>replyToId</c>), and
/// whether the reply carries an incident number (<c>INC-n</c>).
/// </summary>
internal sealed class ConnectorStandIn : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly ConcurrentDictionary<string, TaskCompletionSource<long>> _waiting = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, bool> _numbered = new(StringComparer.Ordinal);
    private long _lastId;

    private ConnectorStandIn(WebApplication app)
    {
        _app = app;
        app.MapPost("/v3/conversations/{conversationId}/activities/{replyToId}", async (HttpContext http, string conversationId, string replyToId) =>
        {
            using var reader = new StreamReader(http.Request.Body);
            var body = await reader.ReadToEndAsync();
            var at = Stopwatch.GetTimestamp();
            if (body.Contains("INC-", StringComparison.Ordinal))
                _numbered[replyToId] = true;
            _waiting.GetOrAdd(replyToId, _ => new(TaskCreationOptions.RunContinuationsAsynchronously)).TrySetResult(at);
            return Results.Json(new JsonObject { ["id"] = NextId() });
        });
        app.MapPost("/v3/conversations/{conversationId}/activities", () => Results.Json(new JsonObject { ["id"] = NextId() }));
        app.MapPost("/v3/conversations", () => Results.Json(new JsonObject { ["id"] = "a:" + NextId() }, statusCode: 201));
        app.MapPut("/v3/conversations/{conversationId}/activities/{activityId}", (string activityId) => Results.Json(new JsonObject { ["id"] = activityId }));
    }

    public string ServiceUrl { get; private set; } = "";

    public static async Task<ConnectorStandIn> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { Args = [] });
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0));
        builder.Logging.ClearProviders();
        var standIn = new ConnectorStandIn(builder.Build());
        await standIn._app.StartAsync();
        var address = standIn._app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.Single();
        standIn.ServiceUrl = address.EndsWith('/') ? address : address + "/";
        return standIn;
    }

    /// <summary>Completes with the timestamp at which the reply to <paramref name="activityId"/> arrived.</summary>
    public Task<long> ReplyTo(string activityId) =>
        _waiting.GetOrAdd(activityId, _ => new(TaskCreationOptions.RunContinuationsAsynchronously)).Task;

    /// <summary>Whether a reply to <paramref name="activityId"/> named an incident (<c>INC-n</c>).</summary>
    public bool HasNumber(string activityId) => _numbered.ContainsKey(activityId);

    /// <summary>Forgets finished rounds' replies, so a long run does not keep every one.</summary>
    public void Forget(string activityIdPrefix)
    {
        foreach (var key in _waiting.Keys.Where(k => k.StartsWith(activityIdPrefix, StringComparison.Ordinal)))
        {
            _waiting.TryRemove(key, out _);
            _numbered.TryRemove(key, out _);
        }
    }

    private string NextId() => Interlocked.Increment(ref _lastId).ToString(CultureInfo.InvariantCulture);

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
