using System.Net;
using System.Text;
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
/// An OpenTelemetry collector's OTLP/HTTP receiver on 127.0.0.1 (<c>/v1/traces</c>, <c>/v1/metrics</c>,
/// <c>/v1/logs</c>): records each export's protobuf body and answers with an empty success message.
/// Span and instrument names travel as plain UTF-8 strings in the protobuf, so a test can look for them.
/// </summary>
public sealed class FakeOtlpCollector : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly CallLog<(string Path, byte[] Body)> _exports = new("OTLP export");

    private FakeOtlpCollector(WebApplication app)
    {
        _app = app;
        _app.MapPost("/v1/{signal}", ReceiveAsync);
    }

    public Uri Endpoint { get; private set; } = null!;

    public static async Task<FakeOtlpCollector> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { Args = [] });
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0));
        builder.Logging.ClearProviders();
        var collector = new FakeOtlpCollector(builder.Build());
        await collector._app.StartAsync();
        var address = collector._app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.Single();
        collector.Endpoint = new Uri(address);
        return collector;
    }

    /// <summary>The first export to <c>/v1/{signal}</c> whose body contains <paramref name="text"/>, waiting at most 15 s.</summary>
    public async Task WaitForExportContainingAsync(string signal, string text)
    {
        var needle = Encoding.UTF8.GetBytes(text);
        await _exports.WaitAsync(e => e.Path == "/v1/" + signal && e.Body.AsSpan().IndexOf(needle) >= 0, 1, TimeSpan.FromSeconds(15),
            $"an export to /v1/{signal} containing \"{text}\"");
    }

    public async ValueTask DisposeAsync() => await _app.DisposeAsync();

    private async Task ReceiveAsync(HttpContext context)
    {
        using var body = new MemoryStream();
        await context.Request.Body.CopyToAsync(body, context.RequestAborted);
        _exports.Add((context.Request.Path.Value ?? "", body.ToArray()));
        context.Response.ContentType = "application/x-protobuf";
        context.Response.StatusCode = StatusCodes.Status200OK;
    }
}
