namespace IncidentBot.LoadTests;

/// <summary>The baseline: Kestrel reading a form body and answering a small JSON, nothing else.</summary>
internal static class BareEndpoint
{
    public static async Task RunAsync(int port)
    {
        var builder = WebApplication.CreateSlimBuilder();
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
        await app.RunAsync();
    }
}
