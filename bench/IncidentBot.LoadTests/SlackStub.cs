using System.Globalization;
using System.Text.Json.Nodes;

namespace IncidentBot.LoadTests;

/// <summary>
/// Answers the Web API methods the bot calls with Slack's success shapes, so background jobs
/// run their full course during the load (the tests' recording fake would be the bottleneck).
/// </summary>
internal static class SlackStub
{
    /// <summary>
    /// CSV header of the call log: each answered call's wall-clock time (UTC), its method, and <c>digest</c> for an
    /// intake digest (a message that says "in all"), so a round's timeline shows when the bot's periodic work ran.
    /// </summary>
    public const string CallLogHeader = "utc,method,kind";

    public static async Task RunAsync(int port, string? callLog = null)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls($"http://127.0.0.1:{port}");
        var app = builder.Build();
        long sequence = 0;
        app.MapGet("/healthz", () => "ok");
        await using var log = callLog is null ? null : new StreamWriter(callLog, append: false) { AutoFlush = true };
        log?.WriteLine(CallLogHeader);
        var logLock = new Lock();
        app.MapPost("/api/{method}", async (string method, HttpRequest request) =>
        {
            if (log is not null)
            {
                var at = DateTime.UtcNow;
                using var reader = new StreamReader(request.Body);
                var text = await reader.ReadToEndAsync();
                var kind = System.Net.WebUtility.UrlDecode(text).Contains(" in all", StringComparison.Ordinal) ? "digest" : ""; // the bot posts forms
                lock (logLock)
                    log.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{at:HH:mm:ss.ffffff},{method},{kind}"));
            }
            var n = Interlocked.Increment(ref sequence);
            var ts = string.Create(CultureInfo.InvariantCulture, $"1732540000.{n:D6}");
            var channel = string.Create(CultureInfo.InvariantCulture, $"C{n:D9}");
            JsonObject body = method switch
            {
                "conversations.create" => new() { ["ok"] = true, ["channel"] = new JsonObject { ["id"] = channel, ["name"] = "inc-" + n } },
                "chat.postMessage" or "chat.update" => new() { ["ok"] = true, ["channel"] = channel, ["ts"] = ts },
                "chat.postEphemeral" => new() { ["ok"] = true, ["message_ts"] = ts },
                _ => new() { ["ok"] = true },
            };
            return Results.Text(body.ToJsonString(), "application/json");
        });
        await app.RunAsync();
    }
}
