using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace IncidentBot.StoreBenchmarks;

/// <summary>
/// Slack on 127.0.0.1 for the Cosmos burst: answers the Web API methods the bot calls with Slack's
/// success shapes, accepts posts to <c>response_url</c>s (<c>/response/{id}</c>), and keeps every
/// message text it was sent with the moment it arrived, so an answer that comes after the ack
/// (the number of a declaration that was kept for a retry) is counted too.
/// </summary>
public sealed class SlackRecorder : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly ConcurrentQueue<(long At, string Body)> _messages = new();
    private long _sequence;

    private SlackRecorder(WebApplication app)
    {
        _app = app;
        app.MapPost("/api/{method}", async (HttpContext http, string method) =>
        {
            var body = await ReadAsync(http.Request);
            if (method.StartsWith("chat.", StringComparison.Ordinal))
                _messages.Enqueue((Stopwatch.GetTimestamp(), body));
            var n = Interlocked.Increment(ref _sequence);
            var ts = string.Create(CultureInfo.InvariantCulture, $"1732540000.{n:D6}");
            var channel = string.Create(CultureInfo.InvariantCulture, $"C{n:D9}");
            JsonObject answer = method switch
            {
                "conversations.create" => new() { ["ok"] = true, ["channel"] = new JsonObject { ["id"] = channel, ["name"] = "inc-" + n } },
                "chat.postMessage" or "chat.update" => new() { ["ok"] = true, ["channel"] = channel, ["ts"] = ts },
                "chat.postEphemeral" => new() { ["ok"] = true, ["message_ts"] = ts },
                _ => new() { ["ok"] = true },
            };
            return Results.Text(answer.ToJsonString(), "application/json");
        });
        app.MapPost("/response/{id}", async (HttpContext http) =>
        {
            _messages.Enqueue((Stopwatch.GetTimestamp(), await ReadAsync(http.Request)));
            return Results.Text("ok");
        });
    }

    public string ApiBaseUrl { get; private set; } = "";

    public string ResponseUrl(string id) => ApiBaseUrl.Replace("/api/", "/response/" + id, StringComparison.Ordinal);

    public static async Task<SlackRecorder> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { Args = [] });
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0));
        builder.Logging.ClearProviders();
        var recorder = new SlackRecorder(builder.Build());
        await recorder._app.StartAsync();
        var address = recorder._app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.Single();
        recorder.ApiBaseUrl = address.TrimEnd('/') + "/api/";
        return recorder;
    }

    /// <summary>The first message whose text contains <paramref name="marker"/>, and when it arrived.</summary>
    public (long At, string Body)? FirstWith(string marker)
    {
        foreach (var message in _messages)
        {
            if (message.Body.Contains(marker, StringComparison.Ordinal))
                return message;
        }
        return null;
    }

    private static async Task<string> ReadAsync(HttpRequest request)
    {
        using var reader = new StreamReader(request.Body);
        // Form bodies (Web API) arrive URL-encoded; JSON bodies (response_url) as they are.
        var body = await reader.ReadToEndAsync();
        return request.HasFormContentType ? Uri.UnescapeDataString(body.Replace('+', ' ')) : body;
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
