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
        // No watch on the settings files: the content root is the working directory, where the call log and the harness's
        // timeline are written, and the watcher woke ~600 times a second for the log's writes alone.
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { Args = [NoSettingsWatcher] });
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls($"http://127.0.0.1:{port}");
        var app = builder.Build();
        long sequence = 0;
        app.MapGet("/healthz", () => "ok");
        // Written through a buffer and flushed once a second (not a system call per call): the harness kills the stub after its
        // rounds, so at most the last second after the load is lost.
        await using var log = callLog is null ? null : new StreamWriter(callLog, append: false);
        log?.WriteLine(CallLogHeader);
        var logLock = new Lock();
        using var flushing = new CancellationTokenSource();
        var flusher = log is null ? Task.CompletedTask : FlushEverySecondAsync(log, logLock, flushing.Token);
        app.MapPost("/api/{method}", async (string method, HttpRequest request) =>
        {
            if (log is not null)
            {
                var at = DateTime.UtcNow;
                using var reader = new StreamReader(request.Body);
                var text = await reader.ReadToEndAsync();
                var kind = IsDigest(text) ? "digest" : "";
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
        await flushing.CancelAsync();
        await flusher;
    }

    /// <summary>
    /// The host argument that leaves the settings files unwatched (the stub and the bare endpoint read none at run time). The
    /// bot's SettingsFilesRegistration.NoWatcherArgument is the same setting; the harness does not load the bot's assembly.
    /// </summary>
    internal const string NoSettingsWatcher = "--hostBuilder:reloadConfigOnChange=false";

    /// <summary>
    /// A digest says "… in all"; the bot posts forms, whose encoder writes a space as <c>+</c> (or <c>%20</c>), so the raw
    /// body is searched instead of decoding every call's whole body.
    /// </summary>
    internal static bool IsDigest(string formBody) =>
        formBody.Contains("+in+all", StringComparison.Ordinal) || formBody.Contains("%20in%20all", StringComparison.Ordinal)
        || formBody.Contains(" in all", StringComparison.Ordinal);

    private static async Task FlushEverySecondAsync(StreamWriter log, Lock logLock, CancellationToken stopping)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(1));
        try
        {
            while (await timer.WaitForNextTickAsync(stopping))
            {
                lock (logLock)
                    log.Flush();
            }
        }
        catch (OperationCanceledException)
        {
            // the stub is stopping: the writer's disposal flushes the rest
        }
    }
}
