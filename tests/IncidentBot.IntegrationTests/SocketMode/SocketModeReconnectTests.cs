using System.Text.Json.Nodes;
using IncidentBot.Slack.SocketMode;

namespace IncidentBot.IntegrationTests.SocketMode;

/// <summary>Slack's disconnect requests and dropped sockets: the bot keeps its two connections open.</summary>
public sealed class SocketModeReconnectTests
{
    [Theory]
    [InlineData("refresh_requested")]
    [InlineData("warning")]
    public async Task A_disconnect_request_opens_the_replacement_before_the_old_connection_is_closed(string reason)
    {
        await using var socket = await SocketModeBot.StartAsync();
        var old = socket.Sockets.Connections[0];

        await FakeSocketModeServer.RequestDisconnectAsync(old, reason);

        var replacement = (await socket.Sockets.WaitForConnectionsAsync(3))[2];
        await socket.Sockets.WaitForCloseAsync(old);
        Assert.True(old.ClosedByClient);
        Assert.False(replacement.IsClosed);
        Assert.Equal(2, socket.Sockets.OpenConnections.Count);
        // Hand-over: the replacement said hello while the old connection was still open, so it counted three.
        Assert.Equal(3, socket.Status.Opened);
    }

    [Fact]
    public async Task Link_disabled_closes_the_connection_and_reopens_it_only_after_a_backoff()
    {
        var clock = new ObservableTimeProvider();
        await using var socket = await SocketModeBot.StartAsync(clock);
        var old = socket.Sockets.Connections[0];

        await FakeSocketModeServer.RequestDisconnectAsync(old, SocketModeService.LinkDisabled);

        // Socket Mode was switched off in the app: no replacement at once, a backoff first.
        await socket.Sockets.WaitForCloseAsync(old);
        await clock.WaitForTimerAsync(SocketModeBackoff.After(1));
        Assert.Equal(2, socket.Sockets.Connections.Count);
        clock.Advance(SocketModeBackoff.After(1));
        await socket.Sockets.WaitForConnectionsAsync(3);
        Assert.Equal(2, socket.Sockets.OpenConnections.Count);
    }

    [Fact]
    public async Task An_envelope_in_hand_when_slack_asks_for_a_disconnect_is_acked_before_the_old_connection_closes()
    {
        await using var socket = await SocketModeBot.StartAsync();
        var old = socket.Sockets.Connections[0];
        var command = new JsonObject
        {
            ["team_id"] = "T0HANDOVER",
            ["user_id"] = "U0ALICE",
            ["channel_id"] = "C0GENERAL",
            ["command"] = "/incident",
            ["text"] = "declare sev3 Hand-over",
            ["trigger_id"] = "trig.handover",
        };

        var envelope = await socket.Sockets.SendEnvelopeAsync("slash_commands", command, acceptsResponsePayload: true, connection: old);
        await FakeSocketModeServer.RequestDisconnectAsync(old, "refresh_requested");

        var ack = await socket.Sockets.WaitForAckAsync(envelope);
        await socket.Sockets.WaitForCloseAsync(old);
        Assert.Contains("INC-1", (string?)ack["payload"]!["text"], StringComparison.Ordinal);
        Assert.Contains(envelope, old.AckedEnvelopes);
    }

    [Fact]
    public async Task A_dropped_socket_is_reopened_after_a_backoff_that_grows_with_each_failure()
    {
        var clock = new ObservableTimeProvider();
        await using var socket = await SocketModeBot.StartAsync(clock);
        var dropped = socket.Sockets.Connections[0];
        socket.Slack.FailNext("apps.connections.open", "internal_error");

        FakeSocketModeServer.Drop(dropped);

        // First wait: one second on the bot's clock, and nothing opens before it has passed.
        await clock.WaitForTimerAsync(SocketModeBackoff.After(1));
        Assert.Equal(2, socket.Sockets.Connections.Count);
        Assert.Contains(socket.Status.Describe(), line => line.Contains("reconnecting", StringComparison.Ordinal));
        clock.Advance(SocketModeBackoff.After(1));
        // apps.connections.open fails once: the second wait is two seconds.
        await socket.Slack.WaitForCallsAsync("apps.connections.open", 3);
        await clock.WaitForTimerAsync(SocketModeBackoff.After(2));
        Assert.Equal(2, socket.Sockets.Connections.Count);
        clock.Advance(SocketModeBackoff.After(2));

        await socket.Sockets.WaitForConnectionsAsync(3);
        Assert.Equal(2, socket.Sockets.OpenConnections.Count);
        Assert.Equal(TimeSpan.FromSeconds(2), SocketModeBackoff.After(2));
    }

    [Fact]
    public async Task Readiness_is_degraded_while_no_connection_is_open()
    {
        var clock = new ObservableTimeProvider();
        await using var socket = await SocketModeBot.StartAsync(clock);
        socket.Slack.FailAlways("apps.connections.open", "internal_error");

        foreach (var connection in socket.Sockets.OpenConnections)
            FakeSocketModeServer.Drop(connection);
        await clock.WaitForTimerAsync(SocketModeBackoff.After(1), count: 2);

        var check = await socket.ReadinessAsync();
        Assert.Equal("Degraded", (string?)check["status"]);
        Assert.StartsWith("no Socket Mode connection is open", (string?)check["description"], StringComparison.Ordinal);
    }

    [Fact]
    public void The_backoff_doubles_from_one_second_to_at_most_thirty()
    {
        Assert.Equal(
            [1, 2, 4, 8, 16, 30, 30],
            Enumerable.Range(1, 7).Select(n => SocketModeBackoff.After(n).TotalSeconds));
    }
}
