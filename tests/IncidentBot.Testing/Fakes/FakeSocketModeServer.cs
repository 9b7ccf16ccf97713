using System.Globalization;
using System.Net;
using System.Net.WebSockets;
using System.Text;
using System.Text.Json.Nodes;
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
/// Slack's side of Socket Mode on <c>127.0.0.1</c>: a Kestrel WebSocket endpoint at
/// <c>/link/?ticket=N</c>, the URLs that <see cref="FakeSlackServer"/>'s <c>apps.connections.open</c>
/// hands out (<see cref="NextUrl"/>; each ticket works once, as Slack's do). On connect it sends
/// <c>hello</c>; a test sends envelopes (<see cref="SendEnvelopeAsync"/>), <c>disconnect</c>
/// (<see cref="RequestDisconnectAsync"/>) or drops a socket (<see cref="Drop"/>), and awaits acks
/// (<see cref="WaitForAckAsync"/>) and connections (<see cref="WaitForConnectionsAsync"/>).
/// </summary>
public sealed class FakeSocketModeServer : IAsyncDisposable
{
    public const string AppId = "A0TESTAPP";

    private readonly WebApplication _app;
    private readonly Lock _gate = new();
    private readonly HashSet<string> _tickets = new(StringComparer.Ordinal);
    private readonly CallLog<Connection> _connections = new("Socket Mode connection");
    private readonly CallLog<Connection> _closed = new("closed Socket Mode connection");
    private readonly CallLog<JsonObject> _acks = new("Socket Mode ack");
    private int _lastTicket;
    private int _lastEnvelope;

    private FakeSocketModeServer(WebApplication app)
    {
        _app = app;
        app.UseWebSockets();
        app.Map("/link", AcceptAsync);
    }

    public Uri BaseAddress { get; private set; } = null!;

    /// <summary>Connections in the order they were opened (said hello), closed ones included.</summary>
    public IReadOnlyList<Connection> Connections => _connections.Snapshot();

    public IReadOnlyList<Connection> OpenConnections => [.. Connections.Where(c => !c.IsClosed)];

    public IReadOnlyList<JsonObject> Acks => _acks.Snapshot();

    public static async Task<FakeSocketModeServer> StartAsync(CancellationToken cancellationToken = default)
    {
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { Args = [] });
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0));
        builder.Logging.ClearProviders();
        var server = new FakeSocketModeServer(builder.Build());
        await server._app.StartAsync(cancellationToken);
        var address = server._app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.Single();
        server.BaseAddress = new Uri(address.Replace("http://", "ws://", StringComparison.Ordinal).TrimEnd('/') + "/");
        return server;
    }

    /// <summary>A fresh single-use URL, as <c>apps.connections.open</c> returns.</summary>
    public string NextUrl()
    {
        var ticket = Interlocked.Increment(ref _lastTicket).ToString(CultureInfo.InvariantCulture);
        lock (_gate)
            _tickets.Add(ticket);
        return new Uri(BaseAddress, $"link/?ticket={ticket}&app_id={AppId}").ToString();
    }

    /// <summary>Completes once <paramref name="count"/> connections have been opened since the start.</summary>
    public Task<IReadOnlyList<Connection>> WaitForConnectionsAsync(int count, TimeSpan? timeout = null) =>
        _connections.WaitAsync(_ => true, count, timeout ?? FakeSlackServer.DefaultWaitTimeout, $"{count} Socket Mode connections");

    public async Task<Connection> WaitForCloseAsync(Connection connection, TimeSpan? timeout = null) =>
        (await _closed.WaitAsync(c => c == connection, 1, timeout ?? FakeSlackServer.DefaultWaitTimeout, $"connection {connection.Ticket} closed"))[0];

    public async Task<JsonObject> WaitForAckAsync(string envelopeId, TimeSpan? timeout = null) =>
        (await _acks.WaitAsync(a => (string?)a["envelope_id"] == envelopeId, 1, timeout ?? FakeSlackServer.DefaultWaitTimeout, $"ack of {envelopeId}"))[0];

    /// <summary>Sends an envelope on <paramref name="connection"/> (by default the first open one) and returns its <c>envelope_id</c>.</summary>
    public async Task<string> SendEnvelopeAsync(
        string type, JsonObject payload, bool acceptsResponsePayload, int retryAttempt = 0, string? envelopeId = null, Connection? connection = null)
    {
        envelopeId ??= "env-" + Interlocked.Increment(ref _lastEnvelope).ToString("D6", CultureInfo.InvariantCulture);
        var envelope = new JsonObject
        {
            ["envelope_id"] = envelopeId,
            ["payload"] = payload,
            ["type"] = type,
            ["accepts_response_payload"] = acceptsResponsePayload,
        };
        if (type == "events_api")
        {
            envelope["retry_attempt"] = retryAttempt;
            envelope["retry_reason"] = retryAttempt > 0 ? "timeout" : "";
        }
        await (connection ?? OpenConnections[0]).SendAsync(envelope);
        return envelopeId;
    }

    /// <summary>Slack's <c>disconnect</c> frame (<c>warning</c>, <c>refresh_requested</c>, <c>link_disabled</c>); the socket stays open.</summary>
    public static Task RequestDisconnectAsync(Connection connection, string reason) =>
        connection.SendAsync(new JsonObject { ["type"] = "disconnect", ["reason"] = reason, ["debug_info"] = new JsonObject { ["host"] = "applink-fake" } });

    /// <summary>Cuts the TCP connection without a close handshake: a network failure.</summary>
    public static void Drop(Connection connection) => connection.Abort();

    public async ValueTask DisposeAsync()
    {
        foreach (var connection in OpenConnections)
            connection.Abort();
        await _app.StopAsync();
        await _app.DisposeAsync();
    }

    private async Task AcceptAsync(HttpContext context)
    {
        var ticket = context.Request.Query["ticket"].ToString();
        bool isValid;
        lock (_gate)
            isValid = _tickets.Remove(ticket);
        if (!context.WebSockets.IsWebSocketRequest || !isValid)
        {
            context.Response.StatusCode = StatusCodes.Status401Unauthorized;
            return;
        }
        using var socket = await context.WebSockets.AcceptWebSocketAsync();
        var connection = new Connection(ticket, socket, context);
        await connection.SendAsync(new JsonObject
        {
            ["type"] = "hello",
            ["num_connections"] = OpenConnections.Count + 1,
            ["debug_info"] = new JsonObject { ["host"] = "applink-fake", ["build_number"] = 1, ["approximate_connection_time"] = 18060 },
            ["connection_info"] = new JsonObject { ["app_id"] = AppId },
        });
        _connections.Add(connection);
        try
        {
            await ReadAsync(connection, socket, context.RequestAborted);
        }
        finally
        {
            connection.MarkClosed();
            _closed.Add(connection);
        }
    }

    private async Task ReadAsync(Connection connection, WebSocket socket, CancellationToken cancellationToken)
    {
        var buffer = new byte[64 * 1024];
        try
        {
            while (true)
            {
                using var message = new MemoryStream();
                WebSocketReceiveResult result;
                do
                {
                    result = await socket.ReceiveAsync(buffer, cancellationToken);
                    message.Write(buffer, 0, result.Count);
                }
                while (!result.EndOfMessage);
                if (result.MessageType == WebSocketMessageType.Close)
                {
                    connection.ClosedByClient = true;
                    await socket.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, "bye", CancellationToken.None);
                    return;
                }
                if (JsonNode.Parse(Encoding.UTF8.GetString(message.ToArray())) is JsonObject ack)
                {
                    connection.Acked((string?)ack["envelope_id"] ?? "");
                    _acks.Add(ack);
                }
            }
        }
        catch (Exception e) when (e is WebSocketException or OperationCanceledException or IOException)
        {
            // Dropped: the test cut it, or the bot went away.
        }
    }

    /// <summary>One client connection.</summary>
    public sealed class Connection(string ticket, WebSocket socket, HttpContext context)
    {
        private readonly SemaphoreSlim _sending = new(1, 1);
        private readonly System.Collections.Concurrent.ConcurrentQueue<string> _acked = new();

        public string Ticket { get; } = ticket;

        public bool IsClosed { get; private set; }

        /// <summary>True when the bot closed it with a close frame (rather than a drop).</summary>
        public bool ClosedByClient { get; internal set; }

        public async Task SendAsync(JsonObject message)
        {
            await _sending.WaitAsync();
            try
            {
                await socket.SendAsync(Encoding.UTF8.GetBytes(message.ToJsonString()), WebSocketMessageType.Text, true, CancellationToken.None);
            }
            finally
            {
                _sending.Release();
            }
        }

        /// <summary>The envelope ids acknowledged on this connection.</summary>
        public IReadOnlyCollection<string> AckedEnvelopes => _acked;

        internal void Acked(string envelopeId) => _acked.Enqueue(envelopeId);

        internal void Abort() => context.Abort();

        internal void MarkClosed() => IsClosed = true;
    }
}
