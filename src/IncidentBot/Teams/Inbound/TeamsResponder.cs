using IncidentBot.Dialogs.Commands.Declare;
using IncidentBot.Dialogs.Platform;
using IncidentBot.Teams.Cards;
using IncidentBot.Teams.Conversations;
using IncidentBot.Teams.Outbound;
using Microsoft.Bot.Builder;
using Microsoft.Extensions.Options;

namespace IncidentBot.Teams.Inbound;

/// <summary>
/// Answers within a turn. Public answers go to the conversation the message came from; private
/// ones (Slack's ephemeral answers: errors, help, lists, confirmations) go to the person's
/// personal chat, since everyone in a channel thread would see a reply there.
/// </summary>
public sealed class TeamsResponder(TeamsNames names, TeamsPersonalChats chats, IOptions<TeamsOptions> options)
{
    /// <returns>The answer as a reply address (<see cref="TeamsReplyAddress"/>), to update it later; null if the channel gave no id.</returns>
    public async Task<string?> ReplyAsync(ITurnContext turn, TeamsTurn who, ChatMessage message, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(turn);
        ArgumentNullException.ThrowIfNull(who);
        var context = await names.ContextForAsync(who.Workspace, message, cancellationToken);
        var sent = await turn.SendActivityAsync(TeamsReplies.Card(message, context), cancellationToken);
        return sent?.Id is { Length: > 0 } id ? TeamsReplyAddress.For(who.ConversationId, id) : null;
    }

    /// <returns>The answer as a reply address, to update it later; null when the person could not be reached privately.</returns>
    public async Task<string?> ReplyPrivatelyAsync(ITurnContext turn, TeamsTurn who, ChatMessage message, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(who);
        if (who.IsPersonal)
            return await ReplyAsync(turn, who, message, cancellationToken);
        var context = await names.ContextForAsync(who.Workspace, message, cancellationToken);
        if (await chats.SendAsync(who.Workspace, who.User, TeamsReplies.Card(message, context), cancellationToken) is { } sent)
            return TeamsReplyAddress.For(sent.Address.ConversationId, sent.ActivityId);
        var bot = options.Value.CommandPrefix.TrimStart('@');
        await ReplyAsync(turn, who, ChatMessage.Plain(RichText.Of(
            $"{RichText.Mention(who.User)}, my answer is for you only, but I can't reach you in a personal chat. Open a chat with {bot} (Apps → {bot} → Add) and ask again.")),
            cancellationToken);
        return null;
    }

    /// <summary>The dialog's first question with the declare form under it: type the title, or fill the form.</summary>
    public async Task ReplyWithFormAsync(ITurnContext turn, TeamsTurn who, ChatMessage prompt, DeclareForm form, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(turn);
        ArgumentNullException.ThrowIfNull(who);
        var context = await names.ContextForAsync(who.Workspace, prompt, cancellationToken);
        var question = TeamsCardRenderer.Render(prompt, context);
        var card = TeamsDeclareCard.Build(form, Guid.NewGuid().ToString("N"), new Dictionary<string, string>());
        card = card with { Body = [.. question.Body, .. card.Body], Teams = question.Teams };
        await turn.SendActivityAsync(TeamsReplies.Card(card, TeamsCardRenderer.Summary(prompt, context)), cancellationToken);
    }
}
