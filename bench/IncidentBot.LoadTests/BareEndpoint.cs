using System.Text.Json;

namespace IncidentBot.LoadTests;

/// <summary>
/// The baseline: Kestrel reading a form body and answering a small JSON, nothing else; for the intake workload, reading
/// a report's JSON, its fields parsed, and answering 202 with a body of the bot's shape, storing nothing.
/// </summary>
internal static class BareEndpoint
{
    public static async Task RunAsync(int port)
    {
        // Unwatched settings, as the stub's: the working directory takes the stub's call log and the timeline.
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { Args = [SlackStub.NoSettingsWatcher] });
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls($"http://127.0.0.1:{port}");
        var app = builder.Build();
        app.MapGet("/healthz", () => "ok");
        app.MapPost("/slack/commands", async (HttpRequest request) =>
        {
            using var reader = new StreamReader(request.Body);
            var body = await reader.ReadToEndAsync();
            return Results.Text($"{{\"response_type\":\"ephemeral\",\"text\":\"{body.Length}\"}}", "application/json");
        });
        app.MapPost(IntakeLoad.Path, async (HttpRequest request) =>
        {
            using var report = await JsonDocument.ParseAsync(request.Body);
            var root = report.RootElement;
            var externalId = root.GetProperty("externalId").GetString();
            var language = root.TryGetProperty("language", out var given) ? given.GetString() : "unknown";
            var trendKey = root.TryGetProperty("trendKey", out var key) ? key.GetString() : null;
            return Results.Text($"{{\"reportId\":\"{externalId}\",\"incident\":{(trendKey?.Length ?? 0)},\"merged\":true,\"language\":\"{language}\",\"languageConfidence\":1}}",
                "application/json", statusCode: StatusCodes.Status202Accepted);
        });
        await app.RunAsync();
    }
}
