using IncidentBot.Dialogs.Incidents;
using IncidentBot.Dialogs.Platform;

namespace IncidentBot.Teams.Conversations;

/// <summary>
/// The bot's own answer in a conversation, as a reply address: a later message to that address
/// (the number of a declaration that was still being stored) updates the answer in place.
/// </summary>
public static class TeamsReplyAddress
{
    private const string Prefix = "teams-answer:";

    public static string For(string conversationId, string activityId)
    {
        ArgumentException.ThrowIfNullOrEmpty(conversationId);
        ArgumentException.ThrowIfNullOrEmpty(activityId);
        return Prefix + activityId + "|" + conversationId;
    }

    public static MessageRef? TryParse(string address)
    {
        ArgumentNullException.ThrowIfNull(address);
        if (!address.StartsWith(Prefix, StringComparison.Ordinal))
            return null;
        var rest = address[Prefix.Length..];
        var bar = rest.IndexOf('|', StringComparison.Ordinal);
        return bar <= 0 || bar == rest.Length - 1 ? null : new MessageRef(new ChannelId(rest[(bar + 1)..]), rest[..bar]);
    }
}
