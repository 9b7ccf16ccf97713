namespace IncidentBot.Dialogs.Platform;

/// <summary>
/// The platform refused to create an incident's channel for a reason that trying again cannot
/// fix: the channel threads go into does not exist, the bot is not in its team, a permission
/// is missing. The channel job stops, logs it and tells people instead of retrying.
/// </summary>
/// <param name="reason">The platform's error code (e.g. <c>ConversationNotFound</c>): for logs and administrators, never user text.</param>
public sealed class ChannelCreationRefusedException(string reason, Exception? innerException = null)
    : Exception($"The chat platform refused to create the channel: {reason}.", innerException)
{
    public string Reason { get; } = reason;
}
