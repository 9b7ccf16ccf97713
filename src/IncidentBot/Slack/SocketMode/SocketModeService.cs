using IncidentBot.Dialogs.Work;
using System.Text.Json.Nodes;
using IncidentBot.Slack.WebApi;
using IncidentBot.Storage;
using Microsoft.Extensions.Options;

namespace IncidentBot.Slack.SocketMode;

/// <summary>
/// Keeps <see cref="SlackOptions.SocketModeConnections"/> Socket Mode connections open while the
/// host runs (only with <see cref="SlackOptions.AppToken"/> set). Slack spreads envelopes over the
/// open connections. When Slack asks one to disconnect (<c>warning</c>, <c>refresh_requested</c>),
/// its replacement is opened first and the old one closed after, so there is never a moment with
/// fewer connections; a dropped connection, or <c>link_disabled</c> (Socket Mode turned off in the
/// app), is reopened after a backoff (<see cref="SocketModeBackoff"/>) on the injected clock.
/// </summary>
internal sealed class SocketModeService(
    IServiceProvider services,
    IJobScheduler scheduler,
    SocketModeStatus status,
    IOptionsMonitor<SlackOptions> options,
    TimeProvider clock,
    ILogger<SocketModeService> logger) : BackgroundService
{
    public const string LinkDisabled = "link_disabled";

    // Resolved once Socket Mode is on: as constructor parameters they made every bot build the Slack API client (and its
    // resilience pipeline) and the whole command pipeline at start-up, connections or not (idle memory, issue 12).
    private readonly Lazy<SlackAppsApi> _apps = new(services.GetRequiredService<SlackAppsApi>);
    private readonly Lazy<SocketModeEnvelopeHandler> _envelopes = new(services.GetRequiredService<SocketModeEnvelopeHandler>);

    private CancellationToken _stopping;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        _stopping = stoppingToken;
        var settings = options.CurrentValue;
        if (!settings.UsesSocketMode)
            return;
        status.Start(settings.SocketModeConnections);
        await Task.WhenAll(Enumerable.Range(0, settings.SocketModeConnections).Select(slot => KeepOpenAsync(slot, stoppingToken)));
    }

    private async Task KeepOpenAsync(int slot, CancellationToken stoppingToken)
    {
        SocketModeConnection? current = null;
        try
        {
            current = await OpenAsync(slot, 0, "start", stoppingToken);
            while (true)
            {
                var ended = await Task.WhenAny(current.DisconnectRequested, current.Closed).WaitAsync(stoppingToken);
                if (ended == current.DisconnectRequested && await current.DisconnectRequested is var reason && reason != LinkDisabled)
                {
                    logger.SocketModeDisconnectRequested(slot + 1, reason);
                    status.Replacing(slot, reason);
                    // The old connection keeps serving (and acking) until its replacement said hello.
                    var next = await OpenAsync(slot, 0, reason, stoppingToken);
                    await current.DisposeAsync();
                    current = next;
                    continue;
                }
                var why = ended == current.DisconnectRequested ? LinkDisabled : "dropped";
                logger.SocketModeLost(slot + 1);
                await current.DisposeAsync();
                current = null;
                current = await OpenAsync(slot, 1, why, stoppingToken);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
        finally
        {
            if (current is not null)
                await current.DisposeAsync();
        }
    }

    /// <summary>Opens a connection and waits for Slack's hello, backing off after each failure.</summary>
    private async Task<SocketModeConnection> OpenAsync(int slot, int failures, string reason, CancellationToken stoppingToken)
    {
        for (; ; failures++)
        {
            if (failures > 0)
            {
                var delay = SocketModeBackoff.After(failures);
                status.WaitingToReconnect(slot, failures, delay, reason);
                logger.SocketModeBackingOff(slot + 1, delay.TotalSeconds);
                await Task.Delay(delay, clock, stoppingToken);
            }
            status.Connecting(slot);
            SocketModeConnection? connection = null;
            try
            {
                var url = await _apps.Value.OpenConnectionAsync(stoppingToken);
                connection = await SocketModeConnection.ConnectAsync(slot + 1, url, HandleAsync, logger, stoppingToken);
                var hello = await connection.Hello.WaitAsync(stoppingToken);
                status.Open(slot);
                logger.SocketModeOpen(slot + 1, hello.NumConnections);
                return connection;
            }
            catch (Exception e) when (!stoppingToken.IsCancellationRequested)
            {
                // Refused (a bad token, Socket Mode off), unreachable, or closed before hello.
                logger.SocketModeConnectFailed(e, slot + 1, failures + 1);
                reason = e is OperationCanceledException ? "closed before hello" : e.GetType().Name;
                if (connection is not null)
                    await connection.DisposeAsync();
            }
        }
    }

    /// <summary>
    /// One envelope, on its own task: the work and the ack as over HTTP (the answer's writes go
    /// before background jobs' writes; the jobs it asks for are scheduled once the ack has gone).
    /// </summary>
    private async Task HandleAsync(SocketModeConnection connection, SocketModeMessage envelope)
    {
        // Off the read loop at once: the next frame must not wait for this envelope's work.
        await Task.Yield();
        var stoppingToken = _stopping;
        using var jobs = DeferredJobs.Begin();
        try
        {
            JsonObject? ack;
            using (WritePriority.Acknowledging())
                ack = await _envelopes.Value.AnswerAsync(envelope, stoppingToken);
            if (ack is null)
                logger.SocketModeEnvelopeNotAcknowledged(envelope.EnvelopeId!, envelope.Type);
            else
                await connection.SendAsync(ack, stoppingToken);
        }
        catch (Exception e) when (!stoppingToken.IsCancellationRequested)
        {
            // The ack did not go: Slack delivers the envelope again, and the ledger knows whether it was handled.
            logger.SocketModeEnvelopeFailed(e, envelope.EnvelopeId!, envelope.Type);
        }
        finally
        {
            await jobs.FlushAsync(scheduler, CancellationToken.None);
        }
    }
}
