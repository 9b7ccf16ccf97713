using System.Globalization;
using System.Text.Json.Nodes;

namespace IncidentBot.LoadTests;

/// <summary>
/// Answers the Web API methods the bot calls with Slack's success shapes, so background jobs
/// run their full course during the load (the tests' recording fake would be the bottleneck).
/// </summary>
internal static class SlackStub
{
    public static async Task RunAsync(int port)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls($"http://127.0.0.1:{port}");
        var app = builder.Build();
        long sequence = 0;
        app.MapGet("/healthz", () => "ok");
        app.MapPost("/api/{method}", (string method) =>
        {
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
