using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using IncidentBot.Dialogs.Actions;
using IncidentBot.Dialogs.Commands.Declare;
using IncidentBot.Dialogs.Incidents;
using IncidentBot.Dialogs.Platform;
using IncidentBot.Dialogs.Storage;
using IncidentBot.Slack.Declare;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.Options;

namespace IncidentBot.Slack.Inbound;

/// <summary><c>POST /slack/interactions</c>: buttons, the declare modal, and the shortcuts that open it.</summary>
internal static class SlackInteractionsEndpoint
{
    public static async Task<Results<Ok<JsonObject>, Ok, BadRequest<JsonObject>>> HandleAsync(
        HttpContext http,
        ActionDispatcher actions,
        IncidentDeclarer declarer,
        DeliveryLedger deliveries,
        Outbox outbox,
        DeclareFormOpener forms,
        IOptionsMonitor<SlackOptions> options,
        ILoggerFactory loggers,
        CancellationToken cancellationToken)
    {
        var logger = loggers.CreateLogger(SlackEndpoints.LogCategory);
        var body = http.Features.Get<SlackRequestBody>()!;
        var payload = Parse(Encoding.UTF8.GetString(body.Bytes), out var problem);
        if (payload?.Team?.Id is not { Length: > 0 } teamId || payload.User?.Id is not { Length: > 0 } userId)
        {
            logger.Malformed("interaction", payload?.Team?.Id ?? "-", problem ?? "team or user missing");
            return TypedResults.BadRequest(SlackReplies.Text("The interaction could not be read."));
        }
        var workspace = new WorkspaceId(teamId);
        var user = new UserId(userId);
        var reference = SlackReplies.NewReference();
        using var delivery = deliveries.Begin(workspace, "slack-signature:" + body.Signature, options.CurrentValue.ReplayClaimLifetime);
        try
        {
            if (await SlackCommandsEndpoint.WasHandledAsync(deliveries, workspace, body.Signature, "interaction", logger, cancellationToken))
            {
                logger.Repeated("interaction", teamId, "replay");
                return TypedResults.Ok();
            }
            logger.Received(payload.Type, userId, teamId, payload.CallbackId ?? (payload.Actions is [var first, ..] ? first.ActionId : null) ?? "-");
            var answer = payload.Type switch
            {
                "block_actions" => await ButtonAsync(payload, workspace, user, actions, outbox, cancellationToken),
                "view_submission" when payload.View?.CallbackId == DeclareModal.CallbackId =>
                    await SubmitDeclareAsync(payload.View, workspace, user, declarer, cancellationToken),
                "message_action" when payload.CallbackId == DeclareModal.ShortcutCallbackId =>
                    await OpenFormAsync(payload, FromMessage(payload), forms, cancellationToken),
                "shortcut" when payload.CallbackId == DeclareModal.GlobalShortcutCallbackId =>
                    await OpenFormAsync(payload, new DeclareForm(), forms, cancellationToken),
                _ => TypedResults.Ok(),
            };
            if (payload.Type is "block_actions" or "view_submission")
                await deliveries.CompleteAsync(delivery, cancellationToken);
            return answer;
        }
        catch (Exception e) when (delivery.IsRepeat(e))
        {
            logger.Repeated("interaction", teamId, "replay");
            return TypedResults.Ok();
        }
        catch (StoreUnavailableException e)
        {
            logger.Failed(e, payload.Type, teamId, reference);
            return FailureAnswer(payload, SlackReplies.StoreUnavailable);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            logger.Failed(e, payload.Type, teamId, reference);
            return FailureAnswer(payload, SlackReplies.Failure(reference));
        }
    }

    private static InteractionPayload? Parse(string body, out string? problem)
    {
        problem = null;
        var form = QueryHelpers.ParseQuery(body);
        if (!form.TryGetValue("payload", out var json) || json.Count != 1)
        {
            problem = "payload field missing";
            return null;
        }
        try
        {
            return JsonSerializer.Deserialize(json.ToString(), SlackInboundJson.Default.InteractionPayload);
        }
        catch (JsonException)
        {
            problem = "payload is not valid JSON";
            return null;
        }
    }

    private static async Task<Results<Ok<JsonObject>, Ok, BadRequest<JsonObject>>> ButtonAsync(
        InteractionPayload payload, WorkspaceId workspace, UserId user, ActionDispatcher actions, Outbox outbox, CancellationToken cancellationToken)
    {
        if (payload.Actions is not [var action, ..])
            return TypedResults.Ok();
        var channel = payload.Container?.ChannelId ?? payload.Channel?.Id;
        var message = channel is not null && payload.Container?.MessageTs is { } ts ? new MessageRef(new ChannelId(channel), ts) : null;
        var press = new ButtonPress(workspace, "slack", user, action.ActionId, action.Value ?? "", message)
        {
            DeliveryKey = action.ActionTs,
        };
        var reply = await actions.DispatchAsync(press, cancellationToken);
        if (reply.PrivateNote is { } note)
        {
            // Sent by a job: an ack must not wait on a Slack API call.
            var id = $"action-{workspace.Value}-{user.Value}-{action.ActionTs ?? Guid.NewGuid().ToString("N")}";
            // response_url first: it also works in channels the bot is not a member of (announcements).
            await outbox.SendAsync(workspace, "slack", id, channel is null ? null : new ChannelId(channel), user, note, cancellationToken,
                replyAddress: payload.ResponseUrl);
        }
        return TypedResults.Ok();
    }

    private static async Task<Results<Ok<JsonObject>, Ok, BadRequest<JsonObject>>> SubmitDeclareAsync(
        SlackView view, WorkspaceId workspace, UserId user, IncidentDeclarer declarer, CancellationToken cancellationToken)
    {
        var (draft, errors) = DeclareFormValidator.Validate(DeclareModal.Read(view));
        if (draft is null)
        {
            var fieldErrors = new JsonObject();
            foreach (var (field, message) in errors)
                fieldErrors[field] = message;
            return TypedResults.Ok(new JsonObject { ["response_action"] = "errors", ["errors"] = fieldErrors });
        }
        // The view id is the same if the form is submitted twice: declare once.
        var declared = await declarer.DeclareAsync(workspace, "slack", user, draft, "slack-view:" + view.Id, cancellationToken);
        if (declared.Error?.Code == IncidentDeclarer.PendingCode)
            return TypedResults.Ok(new JsonObject { ["response_action"] = "update", ["view"] = DeclareModal.Declared(":hourglass: Not recorded yet", declared.Error.Message) });
        if (!declared.IsSuccess)
            return TypedResults.Ok(new JsonObject { ["response_action"] = "errors", ["errors"] = new JsonObject { [DeclareForm.TitleField] = declared.Error.Message } });
        var reply = DeclareHandlerReply(declared.Value);
        return TypedResults.Ok(new JsonObject { ["response_action"] = "update", ["view"] = DeclareModal.Declared(reply.Heading, reply.Detail) });
    }

    private static (string Heading, string Detail) DeclareHandlerReply(DeclareOutcome outcome)
    {
        var message = DeclareHandler.DeclaredReply(outcome);
        var lines = message.Text.Split('\n', 2);
        return (lines[0], lines.Length > 1 ? lines[1] : "You'll be invited to its channel in a moment.");
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

    private static async Task<Results<Ok<JsonObject>, Ok, BadRequest<JsonObject>>> OpenFormAsync(
        InteractionPayload payload, DeclareForm form, DeclareFormOpener forms, CancellationToken cancellationToken)
    {
        if (payload.TriggerId is null)
            return TypedResults.BadRequest(SlackReplies.Text("The shortcut carried no trigger_id."));
        await forms.OpenAsync(payload.Team!.Id, payload.TriggerId, form, cancellationToken);
        return TypedResults.Ok();
    }

    /// <summary>A modal submission shows a failure on the form itself; other interactions just acknowledge.</summary>
    private static Results<Ok<JsonObject>, Ok, BadRequest<JsonObject>> FailureAnswer(InteractionPayload payload, string message) =>
        payload.Type == "view_submission"
            ? TypedResults.Ok(new JsonObject { ["response_action"] = "errors", ["errors"] = new JsonObject { [DeclareForm.TitleField] = message } })
            : TypedResults.Ok();
}
