using IncidentBot.Dialogs.Buttons;
using IncidentBot.Dialogs.Commands;
using IncidentBot.Dialogs.Commands.Declare;
using IncidentBot.Dialogs.Incidents;
using IncidentBot.Dialogs.Platform;
using IncidentBot.Dialogs.StepDialogs;
using IncidentBot.Dialogs.Storage;
using IncidentBot.Teams.Conversations;
using IncidentBot.Teams.Inbound;
using Microsoft.Bot.Builder;
using Microsoft.Bot.Schema;
using Microsoft.Extensions.Options;
using Newtonsoft.Json.Linq;

namespace IncidentBot.Teams.Cards;

/// <summary>
/// <c>Action.Execute</c> presses. The declare form's verb declares (or answers with the form and
/// its field errors); every other verb is a button of a neutral message and becomes the same
/// <see cref="ButtonPress"/> a Slack button does, so the domain's handlers (and their one-winner
/// rules) decide. Verb and value are written by the client, so a press counts only when they
/// match a button of the card the bot sent to that conversation (<see cref="TeamsCardRecord"/>).
/// The answer is the pressed card again, with the outcome under it.
/// </summary>
public sealed class TeamsCardActions(
    ActionDispatcher actions,
    IncidentDeclarer declarer,
    StepDialogRunner dialogs,
    TeamsNames names,
    IDocumentStore documents,
    IOptions<TeamsOptions> options,
    ILogger<TeamsCardActions> logger)
{
    public async Task<AdaptiveCardInvokeResponse> ExecuteAsync(
        TeamsTurn who, string? verb, IReadOnlyDictionary<string, string?> data, string? pressedActivityId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(who);
        ArgumentNullException.ThrowIfNull(data);
        logger.CardAction(verb ?? "-", who.Workspace.Value, who.User.Value);
        try
        {
            if (verb == TeamsDeclareCard.Verb)
                return TeamsReplies.InvokeCard(await DeclareAsync(who, data, cancellationToken));
            var pressed = pressedActivityId is { Length: > 0 } ? new MessageRef(new ChannelId(who.ConversationId), pressedActivityId) : null;
            var value = data.GetValueOrDefault(TeamsCardRenderer.ValueKey) ?? "";
            var card = pressed is null
                ? null
                : (await documents.ReadAsync<TeamsCardRecord>(who.Workspace, TeamsCardRecord.IdFor(pressed.Channel.Value, pressed.MessageId), cancellationToken))?.Value;
            // Verb and value come from the client: only a button the bot put on this very card counts.
            if (card is null || !card.Message.Blocks.OfType<ButtonsBlock>().SelectMany(b => b.Buttons).Any(b => b.ActionId == verb && b.Value == value))
            {
                logger.CardActionRefused(verb ?? "-", who.Workspace.Value, who.User.Value, card is null ? "not a card the bot sent here" : "not a button of that card");
                return TeamsReplies.InvokeCard(await RefreshedAsync(who, card, ActionReply.Note(RichText.Text(NotOurButton)), cancellationToken));
            }
            var press = new ButtonPress(who.Workspace, PlatformId.Teams, who.User, verb ?? "", value, pressed)
            {
                DeliveryKey = who.ActivityId,
            };
            var reply = await actions.DispatchAsync(press, cancellationToken);
            if (reply.Pressed is { } fresh)
                await documents.UpsertAsync(card with { Message = fresh }, cancellationToken); // its buttons are the ones that count now
            return TeamsReplies.InvokeCard(await RefreshedAsync(who, card with { Message = reply.Pressed ?? card.Message }, reply with { Pressed = null }, cancellationToken));
        }
        catch (StoreUnavailableException)
        {
            return new AdaptiveCardInvokeResponse
            {
                StatusCode = 200,
                Type = "application/vnd.microsoft.activity.message",
                Value = TeamsReplies.StoreUnavailable,
            };
        }
    }

    public const string NotOurButton = "That button isn't on a card I sent you here, so nothing was done.";

    /// <summary>An Action.Submit (old clients) arrives as a message; the refreshed card is sent as a reply.</summary>
    public async Task SubmitAsync(ITurnContext turn, TeamsTurn who, JObject submitted, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(turn);
        ArgumentNullException.ThrowIfNull(submitted);
        var data = Strings(submitted);
        var response = await ExecuteAsync(who, data.GetValueOrDefault(TeamsCardRenderer.SubmitVerbKey), data, turn.Activity.ReplyToId, cancellationToken);
        if (response.Value is JObject card)
            await turn.SendActivityAsync(MessageFactory.Attachment(new Attachment(AdaptiveCard.ContentType, content: card)), cancellationToken);
        else if (response.Value is string text)
            await turn.SendActivityAsync(MessageFactory.Text(text), cancellationToken);
    }

    /// <summary>Card data and input values as strings (inputs always are; data may hold anything).</summary>
    public static IReadOnlyDictionary<string, string?> Strings(object? data)
    {
        var result = new Dictionary<string, string?>(StringComparer.Ordinal);
        if ((data as JObject ?? (data is null ? null : JObject.FromObject(data))) is { } json)
        {
            foreach (var property in json.Properties())
            {
                result[property.Name] = property.Value.Type switch
                {
                    JTokenType.Null or JTokenType.Undefined => null,
                    JTokenType.String => property.Value.Value<string>(),
                    _ => property.Value.ToString(Newtonsoft.Json.Formatting.None),
                };
            }
        }
        return result;
    }

    private async Task<AdaptiveCard> DeclareAsync(TeamsTurn who, IReadOnlyDictionary<string, string?> data, CancellationToken cancellationToken)
    {
        var (form, formId) = TeamsDeclareCard.Read(data);
        form = form with { OriginChannel = form.OriginChannel ?? new ChannelId(who.ConversationId) };
        formId ??= who.ActivityId ?? Guid.NewGuid().ToString("N");
        var (draft, errors) = DeclareFormValidator.Validate(form);
        if (draft is null)
            return TeamsDeclareCard.Build(form, formId, errors);
        // The form id is the same when the form is submitted twice (a double click, a retry): declare once.
        var declared = await declarer.DeclareAsync(who.Workspace, PlatformId.Teams, who.User, draft, "teams-form:" + formId, cancellationToken);
        if (!declared.IsSuccess)
            return TeamsDeclareCard.Build(form, formId, new Dictionary<string, string> { [DeclareForm.TitleField] = declared.Error.Message.ToPlainText() });
        var context = new CommandContext(who.Workspace, PlatformId.Teams, who.User, new ChannelId(who.ConversationId), options.Value.CommandPrefix);
        await dialogs.EndAsync(context, cancellationToken);
        var reply = DeclareHandler.DeclaredReply(declared.Value);
        return TeamsDeclareCard.Declared(reply, await names.ContextForAsync(who.Workspace, reply, cancellationToken));
    }

    /// <summary>The answer replaces the pressed card: the card as it now reads (the handler's fresh version, else as last sent), and the note.</summary>
    private async Task<AdaptiveCard> RefreshedAsync(TeamsTurn who, TeamsCardRecord? card, ActionReply reply, CancellationToken cancellationToken)
    {
        var note = reply.PrivateNote;
        var original = card?.Message;
        var blocks = new List<MessageBlock>(original?.Blocks ?? []);
        if (note is not null)
        {
            if (blocks.Count > 0)
                blocks.Add(new DividerBlock());
            blocks.AddRange(note.Blocks);
        }
        var message = new ChatMessage(note?.Text ?? original?.Text ?? RichText.Text("Done."), blocks);
        return TeamsCardRenderer.Render(message, await names.ContextForAsync(who.Workspace, message, cancellationToken));
    }
}
