using System.Net;
using IncidentBot.Dialogs.Incidents;
using IncidentBot.Teams.Conversations;
using Microsoft.Bot.Schema;
using Microsoft.Extensions.Options;

namespace IncidentBot.Teams.Outbound;

/// <summary>
/// Reaches a person in their 1:1 chat with the bot: the stored conversation reference, or a
/// chat opened through the Bot Connector when they have the app (installed personally or in a
/// team the bot is in). Null when they cannot be reached: never seen, blocked the bot, or
/// have no app; callers then use their fallback.
/// </summary>
public sealed class TeamsPersonalChats(
    TeamsDirectory directory, TeamsConnector connector, IOptions<TeamsOptions> options, ILogger<TeamsPersonalChats> logger)
{
    public async Task<TeamsAddress?> ReachAsync(WorkspaceId workspace, UserId user, CancellationToken cancellationToken)
    {
        var person = await directory.FindPersonAsync(workspace, user.Value, cancellationToken);
        if (person is null)
        {
            logger.PersonUnreachable(user.Value, workspace.Value, "never seen");
            return null;
        }
        if (person.PersonalConversationId is { Length: > 0 } known)
            return new TeamsAddress(person.ServiceUrl, workspace.Value, known);
        var tenant = await directory.FindTenantAsync(workspace, cancellationToken);
        var botId = tenant?.BotId is { Length: > 0 } id ? id : "28:" + options.Value.MicrosoftAppId;
        string conversation;
        try
        {
            conversation = await connector.OpenPersonalChatAsync(person.ServiceUrl, workspace.Value, botId, person.TeamsUserId, cancellationToken);
        }
        catch (Microsoft.Bot.Schema.ErrorResponseException e) when (IsAboutThePerson(e.Response?.StatusCode))
        {
            logger.PersonUnreachable(user.Value, workspace.Value, "chat refused: " + (int)e.Response!.StatusCode);
            return null;
        }
        await directory.RememberPersonAsync(workspace, person with { PersonalConversationId = conversation }, cancellationToken);
        logger.PersonalChatCreated(user.Value, workspace.Value);
        return new TeamsAddress(person.ServiceUrl, workspace.Value, conversation);
    }

    /// <summary>Sends to the person's chat; null when they cannot be reached (nothing was sent).</summary>
    public async Task<(TeamsAddress Address, string ActivityId)?> SendAsync(WorkspaceId workspace, UserId user, Activity activity, CancellationToken cancellationToken)
    {
        var address = await ReachAsync(workspace, user, cancellationToken);
        if (address is null)
            return null;
        try
        {
            return (address, await connector.SendAsync(address, activity, cancellationToken));
        }
        catch (Microsoft.Bot.Schema.ErrorResponseException e) when (IsAboutThePerson(e.Response?.StatusCode))
        {
            // 403: blocked or uninstalled; 404: the chat is gone. Neither gets better by retrying.
            logger.PersonUnreachable(user.Value, workspace.Value, "send refused: " + (int)e.Response!.StatusCode);
            return null;
        }
    }

    private static bool IsAboutThePerson(HttpStatusCode? status) =>
        status is HttpStatusCode.Forbidden or HttpStatusCode.NotFound or HttpStatusCode.BadRequest;
}
