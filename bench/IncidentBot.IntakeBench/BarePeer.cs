using System.Text.Json;
using IncidentBot.Configuration;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace IncidentBot.IntakeBench;

/// <summary>
/// The peer: a bare Kestrel endpoint in the same process that reads the same body, parses the same
/// JSON fields and answers 202 with a body of the same shape, storing nothing. Run beside the bot at
/// the same rate, its CPU per report is the floor that HTTP (client and server) and JSON cost here,
/// so the bot's figure can be read as a ratio on a machine whose load changes from run to run.
/// </summary>
internal sealed class BarePeer : IAsyncDisposable
{
    private readonly WebApplication _app;

    private BarePeer(WebApplication app, HttpClient client)
    {
        _app = app;
        Client = client;
    }

    public HttpClient Client { get; }

    public static async Task<BarePeer> StartAsync()
    {
        // No settings-file watcher, as the bot's Program: it would watch every folder under the working directory (a worktree's
        // root: 3,000; /tmp: 40,000), whose writes are then the peer's work too.
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { Args = [SettingsFilesRegistration.NoWatcherArgument] });
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        var app = builder.Build();
        app.MapPost("/api/intake/reports", async (HttpRequest request) =>
        {
            if (request.Headers.Authorization.Count == 0)
                return Results.Unauthorized();
            using var document = await JsonDocument.ParseAsync(request.Body);
            var root = document.RootElement;
            var externalId = root.GetProperty("externalId").GetString()!;
            var text = root.TryGetProperty("text", out var t) ? t.GetString() : null;
            var trendKey = root.TryGetProperty("trendKey", out var k) ? k.GetString() : null;
            var market = root.TryGetProperty("market", out var m) ? m.GetString() : null;
            var language = root.TryGetProperty("language", out var l) ? l.GetString() : null;
            var reportId = "report-trending-" + externalId;
            return Results.Json(new PeerAnswer(reportId, 1 + ((text?.Length ?? 0) + (trendKey?.Length ?? 0) + (market?.Length ?? 0)) % 100, true, language, 1.0),
                statusCode: StatusCodes.Status202Accepted);
        });
        await app.StartAsync();
        var client = new HttpClient { BaseAddress = new Uri(app.Urls.First()) };
        return new BarePeer(app, client);
    }

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await _app.StopAsync();
        await _app.DisposeAsync();
    }

    private sealed record PeerAnswer(string ReportId, int Incident, bool Merged, string? Language, double LanguageConfidence);
}
