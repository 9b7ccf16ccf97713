using System.Text.Json;
using IncidentBot.Dialogs.Channels;
using IncidentBot.Dialogs.Commands;
using IncidentBot.Dialogs.Commands.Declare;
using IncidentBot.Dialogs.Incidents;
using IncidentBot.Dialogs.Platform;
using IncidentBot.Dialogs.Storage;
using IncidentBot.Dialogs.Work;
using IncidentBot.Intake;
using Microsoft.Extensions.Options;

namespace IncidentBot.Slack.Inbound;

/// <summary>
/// The Events API, however it arrived (<see cref="SlackEventsEndpoint"/> over HTTP, Socket Mode's
/// <c>events_api</c> envelopes). Every delivery is answered at once; a retried delivery (same
/// <c>event_id</c>) is recognised in the store and does nothing again. The event's claim is stored
/// with the change it makes, so an event whose handling failed before anything was stored is
/// <see cref="SlackOutcome.NotHandled"/> and Slack's retry does the work.
/// </summary>
public sealed class SlackEventHandler(
    CommandDispatcher dispatcher,
    DeliveryLedger deliveries,
    Outbox outbox,
    WorkQueue work,
    DocumentWriter writer,
    ChatIntake intake,
    IOptionsMonitor<SlackOptions> options,
    ILoggerFactory loggers)
{
    /// <summary>Slack retries for about five minutes; remember event ids for an hour.</summary>
    public static readonly TimeSpan EventMemory = TimeSpan.FromHours(1);

    private readonly ILogger _logger = loggers.CreateLogger(SlackEndpoints.LogCategory);

    /// <param name="retry">Slack's retry number (<c>X-Slack-Retry-Num</c>, <c>retry_attempt</c>), "0" for a first delivery; for the log.</param>
    public async Task<SlackAnswer> HandleAsync(EventEnvelope envelope, string retry, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(envelope);
        switch (envelope.Type)
        {
            case "url_verification":
                return SlackAnswer.With(new() { ["challenge"] = envelope.Challenge ?? "" });
            case "app_rate_limited":
                _logger.EventsRateLimited(envelope.TeamId ?? "-", envelope.MinuteRateLimited);
                return SlackAnswer.Empty;
            case not "event_callback":
                return SlackAnswer.Empty;
        }

        if (envelope.TeamId is not { Length: > 0 } teamId || envelope.EventId is not { Length: > 0 } eventId
            || envelope.Event.ValueKind != JsonValueKind.Object)
        {
            _logger.Malformed("event", envelope.TeamId ?? "-", "team_id, event_id or event missing");
            return SlackAnswer.Malformed("The event is missing team_id, event_id or event.");
        }
        var workspace = new WorkspaceId(teamId);
        var reference = ReplyTexts.NewReference();
        using var delivery = deliveries.Begin(workspace, "slack-event:" + eventId, EventMemory);
        try
        {
            if (await deliveries.WasHandledAsync(workspace, "slack-event:" + eventId, cancellationToken))
            {
                _logger.Repeated("event", teamId, retry);
                return SlackAnswer.Empty;
            }
            var inner = ReadEvent(envelope.Event);
            if (inner is null || inner.BotId is not null)
                return SlackAnswer.Empty; // our own and other bots' messages are not commands
            if (inner.Type == "message" && (inner.Channel is null || !intake.IsSlackChannel(inner.Channel)))
                return SlackAnswer.Empty; // messages elsewhere (incident channels) are not reports
            // One case per inner event type the bot acts on; any other type is acknowledged and ignored.
            switch (inner.Type)
            {
                case "app_mention" when inner is { User: { } user, Channel: { } channel, Text: { } text }:
                    if (_logger.IsEnabled(LogLevel.Information))
                        _logger.Received("app_mention", user, teamId, SlackCommandHandler.LoggableVerb(StripMention(text), dispatcher.Parser));
                    await AnswerMentionAsync(workspace, new UserId(user), new ChannelId(channel), StripMention(text), eventId, cancellationToken);
                    break;
                // A person's new post in an intake channel (not a thread reply, an edit or a join) is a partner report.
                case "message" when inner is { Subtype: null or "file_share", User: { } user, Channel: { } channel, Ts: { } ts, Text: { Length: > 0 } text }
                    && (inner.ThreadTs is null || inner.ThreadTs == ts):
                    await intake.RecordSlackAsync(workspace, new UserId(user), channel, ts, ChatText.Unescape(text), cancellationToken);
                    break;
                case "reaction_added" when inner is { User: { } user, Item: { Type: "message", Channel: { } channel, Ts: { } ts } }
                    && string.Equals(inner.Reaction, options.CurrentValue.TimelineReaction, StringComparison.Ordinal):
                    _logger.Received("reaction_added", user, teamId, inner.Reaction!);
                    var target = TimelineCaptureWork.TargetFor(PlatformId.Slack, new ChannelId(channel), ts, new UserId(user));
                    await writer.WriteAsync(teamId, (attempt, _) => Task.FromResult(work.Add(attempt, new WorkRequest(TimelineCaptureWork.WorkKind, target))),
                        cancellationToken);
                    break;
            }
            await deliveries.CompleteAsync(delivery, cancellationToken);
            return SlackAnswer.Empty;
        }
        catch (Exception e) when (delivery.IsRepeat(e))
        {
            _logger.Repeated("event", teamId, retry);
            return SlackAnswer.Empty;
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            _logger.Failed(e, "event", teamId, reference);
            // Nothing of it was stored: not acknowledging makes Slack deliver it again. Once its
            // change is stored, the claim is too, and a retry would only be refused.
            return delivery.IsStored ? SlackAnswer.Empty : SlackAnswer.NotHandled;
        }
    }

    private async Task AnswerMentionAsync(
        WorkspaceId workspace, UserId user, ChannelId channel, string text, string eventId, CancellationToken cancellationToken)
    {
        var context = new CommandContext(workspace, PlatformId.Slack, user, channel, "@IncidentBot") { DeliveryKey = "slack-event:" + eventId };
        var reply = await dispatcher.DispatchAsync(context, text, cancellationToken);
        var (message, isPublic) = reply switch
        {
            MessageReply m => (m.Message, m.IsPublic),
            OpenDeclareFormReply => (ChatMessage.Plain(RichText.Of($"To open the declare form use {RichText.Code($"{options.CurrentValue.CommandName} declare")}, or give a title: {RichText.Code($"@IncidentBot {DeclareSyntax.UsageLine}")}")), false),
            _ => ((ChatMessage?)null, false),
        };
        if (message is not null)
            await outbox.SendAsync(workspace, PlatformId.Slack, "event-" + eventId, channel, isPublic ? null : user, message, cancellationToken);
    }

    /// <summary>The inner event as far as the bot reads it; an event of another shape (one the bot does not handle) is null.</summary>
    private static SlackEvent? ReadEvent(JsonElement json)
    {
        try
        {
            return json.Deserialize(SlackInboundJson.Default.SlackEvent);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    /// <summary>An app_mention's text starts with the bot's own mention; the command follows it.</summary>
    private static string StripMention(string text)
    {
        var trimmed = text.TrimStart();
        if (trimmed.StartsWith("<@", StringComparison.Ordinal) && trimmed.IndexOf('>', StringComparison.Ordinal) is > 0 and var end)
            return trimmed[(end + 1)..].Trim();
        return trimmed;
    }
}
