using System.Text.Json.Nodes;
using IncidentBot.Dialogs.Buttons;
using IncidentBot.Dialogs.Commands.Declare;
using IncidentBot.Dialogs.Incidents;
using IncidentBot.Dialogs.Platform;
using IncidentBot.Dialogs.Storage;
using IncidentBot.Slack.BlockKit;
using IncidentBot.Slack.Declare;

namespace IncidentBot.Slack.Inbound;

/// <summary>
/// Buttons, the declare modal, and the shortcuts that open it, however they arrived
/// (<see cref="SlackInteractionsEndpoint"/> over HTTP, Socket Mode's <c>interactive</c> envelopes).
/// </summary>
public sealed class SlackInteractionHandler(
    ActionDispatcher actions,
    IncidentDeclarer declarer,
    DeliveryLedger deliveries,
    Outbox outbox,
    DeclareFormOpener forms,
    ILoggerFactory loggers)
{
    private readonly ILogger _logger = loggers.CreateLogger(SlackEndpoints.LogCategory);

    public async Task<SlackAnswer> HandleAsync(InteractionPayload payload, SlackDelivery delivery, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(payload);
        ArgumentNullException.ThrowIfNull(delivery);
        if (payload.Team?.Id is not { Length: > 0 } teamId || payload.User?.Id is not { Length: > 0 } userId)
        {
            _logger.Malformed("interaction", payload.Team?.Id ?? "-", "team or user missing");
            return SlackAnswer.Malformed("The interaction could not be read.");
        }
        var workspace = new WorkspaceId(teamId);
        var user = new UserId(userId);
        var reference = ReplyTexts.NewReference();
        using var scope = deliveries.Begin(workspace, delivery.ReplayKey, delivery.Remember);
        try
        {
            if (await SlackCommandHandler.WasHandledAsync(deliveries, workspace, delivery.ReplayKey, "interaction", _logger, cancellationToken))
            {
                _logger.Repeated("interaction", teamId, delivery.Retry);
                return SlackAnswer.Empty;
            }
            _logger.Received(payload.Type, userId, teamId, payload.CallbackId ?? (payload.Actions is [var first, ..] ? first.ActionId : null) ?? "-");
            var answer = payload.Type switch
            {
                "block_actions" => await ButtonAsync(payload, workspace, user, cancellationToken),
                "view_submission" when payload.View?.CallbackId == DeclareModal.CallbackId =>
                    await SubmitDeclareAsync(payload.View, workspace, user, cancellationToken),
                "message_action" when payload.CallbackId == DeclareModal.ShortcutCallbackId =>
                    await OpenFormAsync(payload, FromMessage(payload), cancellationToken),
                "shortcut" when payload.CallbackId == DeclareModal.GlobalShortcutCallbackId =>
                    await OpenFormAsync(payload, new DeclareForm(), cancellationToken),
                _ => SlackAnswer.Empty,
            };
            if (payload.Type is "block_actions" or "view_submission")
                await deliveries.CompleteAsync(scope, cancellationToken);
            return answer;
        }
        catch (Exception e) when (scope.IsRepeat(e))
        {
            _logger.Repeated("interaction", teamId, delivery.Retry);
            return SlackAnswer.Empty;
        }
        catch (StoreUnavailableException e)
        {
            _logger.Failed(e, payload.Type, teamId, reference);
            return FailureAnswer(payload, SlackReplies.StoreUnavailable);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            _logger.Failed(e, payload.Type, teamId, reference);
            return FailureAnswer(payload, SlackReplies.Failure(reference));
        }
    }

    private async Task<SlackAnswer> ButtonAsync(InteractionPayload payload, WorkspaceId workspace, UserId user, CancellationToken cancellationToken)
    {
        if (payload.Actions is not [var action, ..])
            return SlackAnswer.Empty;
        var channel = payload.Container?.ChannelId ?? payload.Channel?.Id;
        var message = channel is not null && payload.Container?.MessageTs is { } ts ? new MessageRef(new ChannelId(channel), ts) : null;
        var press = new ButtonPress(workspace, PlatformId.Slack, user, action.ActionId, action.Value ?? "", message)
        {
            DeliveryKey = action.ActionTs,
        };
        var reply = await actions.DispatchAsync(press, cancellationToken);
        if (reply.PrivateNote is { } note)
        {
            // Sent by a job: an ack must not wait on a Slack API call.
            var id = $"action-{workspace.Value}-{user.Value}-{action.ActionTs ?? Guid.NewGuid().ToString("N")}";
            // response_url first: it also works in channels the bot is not a member of (announcements).
            await outbox.SendAsync(workspace, PlatformId.Slack, id, channel is null ? null : new ChannelId(channel), user, note, cancellationToken,
                replyAddress: payload.ResponseUrl);
        }
        return SlackAnswer.Empty;
    }

    private async Task<SlackAnswer> SubmitDeclareAsync(SlackView view, WorkspaceId workspace, UserId user, CancellationToken cancellationToken)
    {
        var (draft, errors) = DeclareFormValidator.Validate(DeclareModal.Read(view));
        if (draft is null)
        {
            var fieldErrors = new JsonObject();
            foreach (var (field, message) in errors)
                fieldErrors[field] = message;
            return SlackAnswer.With(new JsonObject { ["response_action"] = "errors", ["errors"] = fieldErrors });
        }
        // The view id is the same if the form is submitted twice: declare once.
        var declared = await declarer.DeclareAsync(workspace, PlatformId.Slack, user, draft, "slack-view:" + view.Id, cancellationToken);
        if (declared.Error?.Code == IncidentDeclarer.PendingCode)
            return SlackAnswer.With(new JsonObject { ["response_action"] = "update", ["view"] = DeclareModal.Declared(":hourglass: " + DeclareFormLayout.NotRecordedHeading, SlackMrkdwn.Render(declared.Error.Message)) });
        if (!declared.IsSuccess)
            return SlackAnswer.With(new JsonObject { ["response_action"] = "errors", ["errors"] = new JsonObject { [DeclareForm.TitleField] = declared.Error.Message.ToPlainText() } });
        var reply = DeclareHandlerReply(declared.Value);
        return SlackAnswer.With(new JsonObject { ["response_action"] = "update", ["view"] = DeclareModal.Declared(reply.Heading, reply.Detail) });
    }

    private static (string Heading, string Detail) DeclareHandlerReply(DeclareOutcome outcome)
    {
        var message = DeclareHandler.DeclaredReply(outcome);
        var lines = SlackMrkdwn.Render(message.Text).Split('\n', 2);
        return (lines[0], lines.Length > 1 ? lines[1] : DeclareFormLayout.InviteFollows);
    }

    private static DeclareForm FromMessage(InteractionPayload payload)
    {
        var text = ChatText.Unescape(payload.Message?.Text ?? "").Trim();
        var firstLine = text.Split('\n', 2)[0].Trim();
        var title = TextCut.Shorten(firstLine, DeclareFormValidator.MaxTitleLength);
        string? link = null;
        if (payload.Team?.Domain is { Length: > 0 } domain && payload.Channel?.Id is { } channel && payload.Message?.Ts is { } ts)
            link = $"https://{domain}.slack.com/archives/{channel}/p{ts.Replace(".", "", StringComparison.Ordinal)}";
        return new DeclareForm
        {
            Title = title,
            Description = TextCut.Cut(text, DeclareFormValidator.MaxDescriptionLength),
            OriginChannel = payload.Channel?.Id is { } c ? new ChannelId(c) : null,
            OriginMessageLink = link,
        };
    }

    private async Task<SlackAnswer> OpenFormAsync(InteractionPayload payload, DeclareForm form, CancellationToken cancellationToken)
    {
        if (payload.TriggerId is null)
            return SlackAnswer.Malformed("The shortcut carried no trigger_id.");
        await forms.OpenAsync(payload.Team!.Id, payload.TriggerId, form, cancellationToken);
        return SlackAnswer.Empty;
    }

    /// <summary>A modal submission shows a failure on the form itself; other interactions just acknowledge.</summary>
    private static SlackAnswer FailureAnswer(InteractionPayload payload, string message) =>
        payload.Type == "view_submission"
            ? SlackAnswer.With(new JsonObject { ["response_action"] = "errors", ["errors"] = new JsonObject { [DeclareForm.TitleField] = message } })
            : SlackAnswer.Empty;
}
