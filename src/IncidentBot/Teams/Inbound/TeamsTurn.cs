using IncidentBot.Dialogs.Incidents;
using Microsoft.Bot.Schema;
using Microsoft.Bot.Schema.Teams;
using Newtonsoft.Json.Linq;

namespace IncidentBot.Teams.Inbound;

/// <summary>Who sent an activity, from where: the Teams envelope translated into our ids.</summary>
/// <param name="Workspace">The tenant id: the partition of everything the tenant stores.</param>
/// <param name="User">The sender's AAD object id (what roles and members hold).</param>
/// <param name="TeamsUserId">The sender's Teams id (<c>29:…</c>), for mentions and new chats.</param>
public sealed record TeamsTurn(
    WorkspaceId Workspace,
    UserId User,
    string TeamsUserId,
    string? UserName,
    string ConversationId,
    bool IsPersonal,
    string ServiceUrl,
    string BotId,
    string? ActivityId,
    string? TimeZone)
{
    public static string? TenantOf(IActivity activity)
    {
        ArgumentNullException.ThrowIfNull(activity);
        if (activity.ChannelData is JObject && activity.TryGetChannelData<TeamsChannelData>(out var data) && data?.Tenant?.Id is { Length: > 0 } tenant)
            return tenant;
        return activity.Conversation?.TenantId is { Length: > 0 } conversationTenant ? conversationTenant : null;
    }

    /// <summary>The turn, or null when the activity lacks what every Teams activity carries.</summary>
    public static TeamsTurn? From(IActivity activity)
    {
        ArgumentNullException.ThrowIfNull(activity);
        if (TenantOf(activity) is not { } tenant || activity.Conversation?.Id is not { Length: > 0 } conversation
            || activity.ServiceUrl is not { Length: > 0 } serviceUrl || activity.From?.Id is not { Length: > 0 } fromId)
        {
            return null;
        }
        var user = activity.From.AadObjectId is { Length: > 0 } aad ? aad : fromId;
        return new TeamsTurn(
            new WorkspaceId(tenant),
            new UserId(user),
            fromId,
            activity.From.Name,
            conversation,
            activity.Conversation.ConversationType == "personal",
            serviceUrl,
            activity.Recipient?.Id ?? "",
            activity.Id,
            TimeZoneOf(activity));
    }

    private static string? TimeZoneOf(IActivity activity)
    {
        if (activity is Activity { LocalTimezone: { Length: > 0 } zone })
            return zone;
        return activity.Entities?.FirstOrDefault(e => e.Type == "clientInfo")?.Properties?["timezone"]?.Value<string>();
    }
}
