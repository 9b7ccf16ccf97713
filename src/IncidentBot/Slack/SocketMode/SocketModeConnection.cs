using System.Buffers;
using System.Net.WebSockets;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace IncidentBot.Slack.SocketMode;

/// <summary>
/// One open Socket Mode WebSocket. Reads frames until the socket closes; each envelope is handled
/// on its own task (one slow command must not hold up the acks of the others), and sends are one
/// at a time, as a WebSocket requires. <see cref="Hello"/>, <see cref="DisconnectRequested"/> and
/// <see cref="Closed"/> tell its owner how it is doing.
/// </summary>
internal sealed class SocketModeConnection : IAsyncDisposable
{
    /// <summary>Slack's payloads are far smaller; a frame past this closes the connection.</summary>
    public const int MaxMessageBytes = 4 << 20;

    private readonly ClientWebSocket _socket;
    private readonly Func<SocketModeConnection, SocketModeMessage, Task> _onEnvelope;
    private readonly ILogger _logger;
    private readonly SemaphoreSlim _sending = new(1, 1);
    private readonly CancellationTokenSource _stop = new();
    private readonly TaskCompletionSource<SocketModeMessage> _hello = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource<string> _disconnect = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly Lock _gate = new();
    private readonly HashSet<Task> _handling = [];
    private Task _reading = Task.CompletedTask;

    private SocketModeConnection(int slot, ClientWebSocket socket, Func<SocketModeConnection, SocketModeMessage, Task> onEnvelope, ILogger logger)
    {
        Slot = slot;
        _socket = socket;
        _onEnvelope = onEnvelope;
        _logger = logger;
    }

    public int Slot { get; }

    /// <summary>Completes with Slack's <c>hello</c>: the connection is ready for envelopes.</summary>
    public Task<SocketModeMessage> Hello => _hello.Task;

    /// <summary>Completes with the reason of Slack's <c>disconnect</c>: replace this connection.</summary>
    public Task<string> DisconnectRequested => _disconnect.Task;

    /// <summary>Completes when the socket is closed or dropped.</summary>
    public Task Closed => _reading;

    public static async Task<SocketModeConnection> ConnectAsync(
        int slot, Uri url, Func<SocketModeConnection, SocketModeMessage, Task> onEnvelope, ILogger logger, CancellationToken cancellationToken)
    {
        var socket = new ClientWebSocket();
        try
        {
            await socket.ConnectAsync(url, cancellationToken);
        }
        catch
        {
            socket.Dispose();
            throw;
        }
        var connection = new SocketModeConnection(slot, socket, onEnvelope, logger);
        connection._reading = connection.ReadAsync();
        return connection;
    }

    public async Task SendAsync(JsonObject message, CancellationToken cancellationToken)
    {
        var bytes = JsonSerializer.SerializeToUtf8Bytes(message);
        await _sending.WaitAsync(cancellationToken);
        try
        {
            await _socket.SendAsync(bytes, WebSocketMessageType.Text, endOfMessage: true, cancellationToken);
        }
        finally
        {
            _sending.Release();
        }
    }

    /// <summary>Lets the envelopes in hand finish (their acks go out on this socket), then closes it.</summary>
    public async ValueTask DisposeAsync()
    {
        Task[] handling;
        lock (_gate)
            handling = [.. _handling];
        await Task.WhenAll(handling);
        if (_socket.State is WebSocketState.Open or WebSocketState.CloseReceived)
        {
            try
            {
                await _sending.WaitAsync();
                try
                {
                    await _socket.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, "replaced", CancellationToken.None);
                }
                finally
                {
                    _sending.Release();
                }
            }
            catch (WebSocketException)
            {
                // Gone already: nothing to close.
            }
        }
        await _stop.CancelAsync();
        await _reading;
        _socket.Dispose();
        _stop.Dispose();
        _sending.Dispose();
    }

    private async Task ReadAsync()
    {
        var buffer = new ArrayBufferWriter<byte>(16 * 1024);
        try
        {
            while (true)
            {
                buffer.ResetWrittenCount();
                ValueWebSocketReceiveResult result;
                do
                {
                    result = await _socket.ReceiveAsync(buffer.GetMemory(8 * 1024), _stop.Token);
                    buffer.Advance(result.Count);
                    if (buffer.WrittenCount > MaxMessageBytes)
                        throw new WebSocketException(WebSocketError.HeaderError, "A Socket Mode frame was larger than " + MaxMessageBytes + " bytes.");
                }
                while (!result.EndOfMessage && result.MessageType != WebSocketMessageType.Close);
                if (result.MessageType == WebSocketMessageType.Close)
                {
                    _logger.SocketModeClosedBySlack(Slot, _socket.CloseStatusDescription ?? "-");
                    return;
                }
                if (result.MessageType == WebSocketMessageType.Text)
                    Receive(buffer.WrittenSpan);
            }
        }
        catch (OperationCanceledException) when (_stop.IsCancellationRequested)
        {
        }
        catch (WebSocketException e)
        {
            _logger.SocketModeDropped(e, Slot);
        }
        finally
        {
            // Whoever waits for hello or a disconnect learns that neither will come.
            _hello.TrySetCanceled();
        }
    }

    private void Receive(ReadOnlySpan<byte> json)
    {
        SocketModeMessage? message;
        try
        {
            message = JsonSerializer.Deserialize(json, SocketModeJson.Default.SocketModeMessage);
        }
        catch (JsonException)
        {
            message = null;
        }
        switch (message)
        {
            case null:
                _logger.SocketModeUnreadable(Slot);
                return;
            case { Type: "hello" }:
                _hello.TrySetResult(message);
                return;
            case { Type: "disconnect" }:
                _disconnect.TrySetResult(message.Reason ?? "unknown");
                return;
            case { EnvelopeId.Length: > 0 }:
                Track(_onEnvelope(this, message));
                return;
        }
    }

    private void Track(Task handling)
    {
        lock (_gate)
            _handling.Add(handling);
        handling.ContinueWith(
            (done, state) =>
            {
                var connection = (SocketModeConnection)state!;
                lock (connection._gate)
                    connection._handling.Remove(done);
            },
            this, CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
    }
}
