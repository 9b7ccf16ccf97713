using IncidentBot.Dialogs.Platform;
using IncidentBot.Teams.Cards;
using Microsoft.Bot.Schema;
using Newtonsoft.Json.Linq;

namespace IncidentBot.Teams.Inbound;

/// <summary>Activities the bot sends: every message is an Adaptive Card, with a plain summary for notifications.</summary>
public static class TeamsReplies
{
    public const string StoreUnavailable =
        "⌛ I could not reach the incident store just now, so nothing was changed. Please try again in a minute.";

    public static Activity Card(ChatMessage message, TeamsRenderContext context) =>
        Card(TeamsCardRenderer.Render(message, context), TeamsCardRenderer.Summary(message, context));

    public static Activity Card(AdaptiveCard card, string summary)
    {
        var activity = (Activity)Activity.CreateMessageActivity();
        activity.Summary = summary;
        activity.Attachments = [Attachment(card)];
        return activity;
    }

    public static Attachment Attachment(AdaptiveCard card) => new()
    {
        ContentType = AdaptiveCard.ContentType,
        Content = JObject.Parse(TeamsCardJson.Serialize(card)),
    };

    /// <summary>The answer to an <c>Action.Execute</c>: the card that replaces the one pressed, for the presser.</summary>
    public static AdaptiveCardInvokeResponse InvokeCard(AdaptiveCard card) => new()
    {
        StatusCode = 200,
        Type = AdaptiveCard.ContentType,
        Value = JObject.Parse(TeamsCardJson.Serialize(card)),
    };

    /// <summary>What a person sees when something broke on our side: a reference to quote, never exception text.</summary>
    public static string Failure(string reference) =>
        $"❌ Something went wrong on our side (reference `{reference}`). Check with `list` before trying again; if it keeps happening, quote the reference to the bot's owners.";

    public static string NewReference() => Guid.NewGuid().ToString("N")[..12];
}
