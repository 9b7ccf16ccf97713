using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using IncidentBot.Slack.Inbound;

namespace IncidentBot.Slack.SocketMode;

/// <summary>
/// Turns a Socket Mode envelope into the acknowledgement Slack expects: the same handlers as the
/// HTTP endpoints do the work, and what they would answer over HTTP rides in the ack's
/// <c>payload</c> (where the envelope <c>accepts_response_payload</c>). An envelope whose event
/// failed before anything was stored gets no ack, so Slack delivers it again.
/// </summary>
public sealed class SocketModeEnvelopeHandler(
    SlackCommandHandler commands,
    SlackInteractionHandler interactions,
    SlackEventHandler events,
    ILoggerFactory loggers)
{
    /// <summary>Slack re-sends an unacknowledged envelope for minutes: remember a delivery for as long as an event.</summary>
    public static readonly TimeSpan DeliveryMemory = SlackEventHandler.EventMemory;

    private readonly ILogger _logger = loggers.CreateLogger(SlackEndpoints.LogCategory);

    /// <returns>The ack to send, or null when the envelope must stay unacknowledged.</returns>
    public async Task<JsonObject?> AnswerAsync(SocketModeMessage envelope, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(envelope);
        if (envelope.EnvelopeId is not { Length: > 0 } envelopeId)
            return null;
        var retry = envelope.RetryAttempt.ToString(CultureInfo.InvariantCulture);
        var answer = envelope.Type switch
        {
            "slash_commands" => SlashCommand.TryRead(envelope.Payload, out var problem) is { } command
                ? await commands.HandleAsync(command, DeliveryOf(envelope, command.TriggerId, retry), cancellationToken)
                : Malformed("command", problem!),
            "interactive" => Read(envelope.Payload, SlackInboundJson.Default.InteractionPayload) is { } payload
                ? await interactions.HandleAsync(payload, DeliveryOf(envelope, payload.TriggerId, retry), cancellationToken)
                : Malformed("interaction", "payload is not an interaction"),
            "events_api" => Read(envelope.Payload, SlackInboundJson.Default.EventEnvelope) is { } callback
                ? await events.HandleAsync(callback, retry, cancellationToken)
                : Malformed("event", "payload is not an event"),
            _ => SlackAnswer.Empty, // a type this bot does not know: acknowledged, so Slack does not resend it
        };
        if (answer.Outcome == SlackOutcome.NotHandled)
            return null;
        var ack = new JsonObject { ["envelope_id"] = envelopeId };
        if (answer is { Outcome: SlackOutcome.Handled, Body: { } body } && envelope.AcceptsResponsePayload)
            ack["payload"] = body;
        return ack;
    }

    /// <summary>
    /// The payload's own id names the delivery (a retried envelope carries the same payload), so the
    /// ledger recognises the retry whichever connection or instance it reaches; the envelope id
    /// stands in when the payload has none.
    /// </summary>
    private static SlackDelivery DeliveryOf(SocketModeMessage envelope, string? payloadId, string retry) =>
        new(payloadId is { Length: > 0 } ? "slack-socket-trigger:" + payloadId : "slack-socket-envelope:" + envelope.EnvelopeId, DeliveryMemory, retry);

    private SlackAnswer Malformed(string kind, string problem)
    {
        _logger.Malformed(kind, "-", problem);
        return SlackAnswer.Malformed("The " + kind + " could not be read.");
    }

    private static T? Read<T>(JsonElement payload, System.Text.Json.Serialization.Metadata.JsonTypeInfo<T> type) where T : class
    {
        if (payload.ValueKind != JsonValueKind.Object)
            return null;
        try
        {
            return payload.Deserialize(type);
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
