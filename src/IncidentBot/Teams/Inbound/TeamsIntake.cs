using IncidentBot.Dialogs.Platform;
using IncidentBot.Teams.Conversations;
using Microsoft.Bot.Schema;

namespace IncidentBot.Teams.Inbound;

/// <summary>
/// What happens to every activity before it is handled: a retried delivery (same activity id
/// in the same conversation) is recognised in the store and dropped, and the conversation
/// references it carries (the tenant's Bot Connector, the sender, their personal chat) are kept.
/// </summary>
public sealed class TeamsIntake(DeliveryLedger deliveries, TeamsDirectory directory, ILogger<TeamsIntake> logger)
{
    /// <summary>The Bot Connector retries for minutes, not days; a day is ample.</summary>
    public static readonly TimeSpan RememberDeliveries = TimeSpan.FromDays(1);

    public async Task<bool> AcceptAsync(IActivity activity, TeamsTurn who, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(activity);
        ArgumentNullException.ThrowIfNull(who);
        // Invokes are answered in the HTTP response and their handlers are idempotent; a repeat gets the same card.
        if (activity.Type != ActivityTypes.Invoke && who.ActivityId is { Length: > 0 } id
            && !await deliveries.TryClaimAsync(who.Workspace, $"teams-activity:{who.ConversationId}:{id}", RememberDeliveries, cancellationToken))
        {
            logger.Repeated(who.Workspace.Value);
            return false;
        }
        if (who.BotId.Length > 0)
            await directory.RememberTenantAsync(who.Workspace, who.ServiceUrl, who.BotId, cancellationToken);
        if (activity is IInstallationUpdateActivity { Action: "remove" or "remove-upgrade" } && who.IsPersonal)
        {
            // Uninstalled from the personal chat: keep the person, forget the chat.
            await directory.ForgetPersonalChatAsync(who.Workspace, who.User.Value, who.ConversationId, cancellationToken);
            return true;
        }
        if (activity.From?.AadObjectId is { Length: > 0 } aad)
        {
            await directory.RememberPersonAsync(who.Workspace, new TeamsPerson
            {
                WorkspaceId = who.Workspace.Value,
                AadObjectId = aad,
                TeamsUserId = who.TeamsUserId,
                Name = who.UserName,
                TimeZone = who.TimeZone,
                PersonalConversationId = who.IsPersonal ? who.ConversationId : null,
                ServiceUrl = who.ServiceUrl,
            }, cancellationToken);
        }
        return true;
    }

    /// <summary>Keeps the people an install or a join names. True when the bot itself was just added.</summary>
    public async Task<bool> MembersAddedAsync(IConversationUpdateActivity activity, TeamsTurn who, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(activity);
        ArgumentNullException.ThrowIfNull(who);
        var botAdded = false;
        foreach (var member in activity.MembersAdded ?? [])
        {
            if (member.Id == activity.Recipient?.Id)
            {
                botAdded = true;
                continue;
            }
            if (member.AadObjectId is not { Length: > 0 } aad || string.IsNullOrEmpty(member.Id))
                continue;
            await directory.RememberPersonAsync(who.Workspace, new TeamsPerson
            {
                WorkspaceId = who.Workspace.Value,
                AadObjectId = aad,
                TeamsUserId = member.Id,
                Name = member.Name,
                PersonalConversationId = who.IsPersonal ? who.ConversationId : null,
                ServiceUrl = who.ServiceUrl,
            }, cancellationToken);
        }
        return botAdded;
    }
}
