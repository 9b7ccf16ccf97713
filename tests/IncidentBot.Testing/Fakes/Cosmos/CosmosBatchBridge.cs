using System.Net;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.Logging;

namespace IncidentBot.Testing.Fakes.Cosmos;

/// <summary>
/// The HTTPS front of the Cosmos DB test server: terminates TLS on 127.0.0.1 with a certificate
/// made for the run, forwards every request to the node server, translates transactional
/// batches between the .NET SDK's HybridRow form and the server's JSON form, and injects the
/// failures a test asks for (<see cref="CosmosFaults"/>). Lives in the tests, so the bot's
/// Cosmos store needs nothing special for the test server.
/// </summary>
internal sealed class CosmosBatchBridge : IAsyncDisposable
{
    private static readonly HashSet<string> HopHeaders = new(StringComparer.OrdinalIgnoreCase)
    {
        "Host", "Connection", "Keep-Alive", "Transfer-Encoding", "Content-Length", "Expect", "Upgrade", "Proxy-Connection",
    };

    private readonly WebApplication _app;
    private readonly HttpClient _server;

    private CosmosBatchBridge(WebApplication app, HttpClient server, int port, CosmosFaults faults)
    {
        _app = app;
        _server = server;
        Port = port;
        Faults = faults;
    }

    public int Port { get; }

    public CosmosFaults Faults { get; }

    /// <param name="serverPort">The node server's HTTP port.</param>
    /// <param name="port">The bridge's own port; 0 for a free one.</param>
    /// <param name="faults">The failures to inject; they outlive a restart of the bridge.</param>
    public static async Task<CosmosBatchBridge> StartAsync(int serverPort, int port, CosmosFaults faults)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        var certificate = CreateCertificate();
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            kestrel.Limits.MaxRequestBodySize = 16 * 1024 * 1024;
            kestrel.Listen(IPAddress.Loopback, port, listen =>
            {
                listen.Protocols = HttpProtocols.Http1;
                listen.UseHttps(certificate);
            });
        });
        var app = builder.Build();
        var server = new HttpClient(new SocketsHttpHandler
        {
            AllowAutoRedirect = false,
            AutomaticDecompression = DecompressionMethods.None,
            UseCookies = false,
            MaxConnectionsPerServer = 256,
            // Shorter than the server's keep-alive (server.js): a pooled connection is never reused as the server closes it.
            PooledConnectionIdleTimeout = TimeSpan.FromSeconds(60),
        })
        {
            BaseAddress = new Uri($"http://127.0.0.1:{serverPort}/"),
            Timeout = TimeSpan.FromSeconds(60),
        };
        CosmosBatchBridge? bridge = null;
        app.Run(context => bridge!.HandleAsync(context));
        await app.StartAsync();
        var bound = new Uri(app.Urls.First()).Port;
        bridge = new CosmosBatchBridge(app, server, bound, faults);
        return bridge;
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
        _server.Dispose();
    }

    private async Task HandleAsync(HttpContext context)
    {
        var incoming = context.Request;
        using var buffer = new MemoryStream();
        await incoming.Body.CopyToAsync(buffer, context.RequestAborted);
        var body = buffer.ToArray();
        var isBatch = IsTrue(incoming.Headers["x-ms-cosmos-is-batch-request"]);
        var isQuery = IsTrue(incoming.Headers["x-ms-documentdb-isquery"])
            || string.Equals(incoming.ContentType, "application/query+json", StringComparison.OrdinalIgnoreCase);
        var operations = isBatch ? await HybridRowBatchCodec.ReadOperationsAsync(body, incoming.Headers["x-ms-documentdb-partitionkey"]) : null;

        var request = new CosmosRequest(incoming.Method, incoming.Path.Value ?? "/", isBatch, isQuery, DocumentIds(incoming, body, operations, isQuery));
        var fault = Faults.Take(request);
        if (fault is { Kind: FaultKind.StatusBeforeCommit } refused)
        {
            await AnswerAsync(context, refused.Status);
            return;
        }

        using var forward = new HttpRequestMessage(new HttpMethod(incoming.Method), incoming.Path.Value + incoming.QueryString.Value);
        var content = operations is null ? body : Encoding.UTF8.GetBytes(operations.ToJsonString());
        if (content.Length > 0 || incoming.Method is "POST" or "PUT" or "PATCH")
        {
            forward.Content = new ByteArrayContent(content);
            forward.Content.Headers.ContentType = MediaTypeHeaderValue.Parse(operations is null ? incoming.ContentType ?? "application/json" : "application/json");
        }
        foreach (var header in incoming.Headers)
        {
            if (HopHeaders.Contains(header.Key) || header.Key.Equals("Content-Type", StringComparison.OrdinalIgnoreCase))
                continue;
            forward.Headers.TryAddWithoutValidation(header.Key, header.Value.ToArray());
        }

        HttpResponseMessage response;
        try
        {
            response = await _server.SendAsync(forward, context.RequestAborted);
        }
        catch (HttpRequestException)
        {
            context.Abort(); // the server is down: the caller sees its connection drop
            return;
        }
        using (response)
        {
            var answer = await response.Content.ReadAsByteArrayAsync(context.RequestAborted);
            switch (fault?.Kind)
            {
                case FaultKind.DropResponseAfterCommit:
                    context.Abort();
                    return;
                case FaultKind.StatusAfterCommit:
                    await AnswerAsync(context, fault.Value.Status);
                    return;
            }
            if (isBatch && (response.StatusCode is HttpStatusCode.OK || (int)response.StatusCode == 207)
                && JsonNode.Parse(answer) is JsonArray results)
            {
                answer = await HybridRowBatchCodec.WriteResultsAsync(results);
            }
            context.Response.StatusCode = (int)response.StatusCode;
            foreach (var header in response.Headers.Concat(response.Content.Headers))
            {
                if (!HopHeaders.Contains(header.Key))
                    context.Response.Headers[header.Key] = header.Value.ToArray();
            }
            // The server sends "{}" with a delete's 204 and a change feed's 304; HTTP allows no body there, and
            // writing one threw, which closed the connection: the client saw every delete's answer lost.
            if (response.StatusCode is HttpStatusCode.NoContent or HttpStatusCode.NotModified)
                return;
            context.Response.ContentLength = answer.Length;
            await context.Response.Body.WriteAsync(answer, context.RequestAborted);
        }
    }

    private static async Task AnswerAsync(HttpContext context, int status)
    {
        context.Response.StatusCode = status;
        context.Response.ContentType = "application/json";
        context.Response.Headers["x-ms-activity-id"] = Guid.NewGuid().ToString();
        context.Response.Headers["x-ms-request-charge"] = "0";
        await context.Response.WriteAsync($$"""{"code":"Injected","message":"The test bridge answered {{status}}."}""");
    }

    private static IReadOnlyList<string> DocumentIds(HttpRequest request, byte[] body, JsonArray? operations, bool isQuery)
    {
        if (operations is not null)
        {
            return [.. operations.Select(o => o?["id"]?.GetValue<string>() ?? o?["resourceBody"]?["id"]?.GetValue<string>() ?? "")];
        }
        var path = request.Path.Value ?? "";
        var docs = path.IndexOf("/docs/", StringComparison.Ordinal);
        if (docs >= 0)
            return [Uri.UnescapeDataString(path[(docs + "/docs/".Length)..].TrimEnd('/'))];
        if (isQuery || body.Length == 0)
            return [];
        try
        {
            using var document = JsonDocument.Parse(body);
            return document.RootElement.ValueKind == JsonValueKind.Object && document.RootElement.TryGetProperty("id", out var id)
                ? [id.GetString() ?? ""]
                : [];
        }
        catch (JsonException)
        {
            return [];
        }
    }

    private static bool IsTrue(Microsoft.Extensions.Primitives.StringValues values) =>
        values.Any(v => string.Equals(v, "true", StringComparison.OrdinalIgnoreCase));

    private static X509Certificate2 CreateCertificate()
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest("CN=127.0.0.1", key, HashAlgorithmName.SHA256);
        var names = new SubjectAlternativeNameBuilder();
        names.AddIpAddress(IPAddress.Loopback);
        names.AddDnsName("localhost");
        request.CertificateExtensions.Add(names.Build());
        var now = DateTimeOffset.UtcNow;
        using var certificate = request.CreateSelfSigned(now.AddDays(-1), now.AddDays(7));
        // Kestrel on Linux needs the key in an exportable, persisted form: round-trip through PKCS#12.
        return X509CertificateLoader.LoadPkcs12(certificate.Export(X509ContentType.Pfx), null);
    }
}
