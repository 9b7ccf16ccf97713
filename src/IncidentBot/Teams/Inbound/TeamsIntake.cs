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

    /// <summary>
    /// The delivery this activity is, for the turn to run in: its claim is stored with the first
    /// change the turn makes. Null for invokes, which are answered in the HTTP response and whose
    /// handlers are idempotent (a repeat gets the same card), and for activities without an id.
    /// </summary>
    public DeliveryScope? Begin(IActivity activity, TeamsTurn who)
    {
        ArgumentNullException.ThrowIfNull(activity);
        ArgumentNullException.ThrowIfNull(who);
        return activity.Type != ActivityTypes.Invoke && who.ActivityId is { Length: > 0 } id
            ? deliveries.Begin(who.Workspace, DeliveryKey(who, id), RememberDeliveries)
            : null;
    }

    /// <summary>Stores the turn's claim if no change of the turn carried it.</summary>
    public Task CompleteAsync(DeliveryScope delivery, CancellationToken cancellationToken) => deliveries.CompleteAsync(delivery, cancellationToken);

    public async Task<bool> AcceptAsync(IActivity activity, TeamsTurn who, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(activity);
        ArgumentNullException.ThrowIfNull(who);
        if (activity.Type != ActivityTypes.Invoke && who.ActivityId is { Length: > 0 } id
            && await deliveries.WasHandledAsync(who.Workspace, DeliveryKey(who, id), cancellationToken))
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

    private static string DeliveryKey(TeamsTurn who, string activityId) => $"teams-activity:{who.ConversationId}:{activityId}";

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
