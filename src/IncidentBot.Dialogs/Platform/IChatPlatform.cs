using IncidentBot.Dialogs.Incidents;

namespace IncidentBot.Dialogs.Platform;

/// <summary>
/// What the incident logic needs from a chat platform. Slack and Teams adapters implement
/// it; failures are exceptions (a job retries), except the ones the contract absorbs:
/// a taken channel name gets a suffix, inviting someone already there is a no-op.
/// </summary>
public interface IChatPlatform
{
    /// <summary><c>slack</c> or <c>teams</c>, as stored on <see cref="Incident.Platform"/>.</summary>
    PlatformId Name { get; }

    /// <summary>Where declarations and severity/status changes are announced, if configured.</summary>
    ChannelId? AnnouncementChannel { get; }

    Task<ChannelRef> CreateChannelAsync(WorkspaceId workspace, string name, bool isPrivate, CancellationToken cancellationToken);

    /// <returns>
    /// The people who cannot be invited (deactivated, unknown, guests without access); the
    /// others are in the channel. Failures of the platform itself are exceptions.
    /// </returns>
    Task<IReadOnlyCollection<UserId>> InviteAsync(WorkspaceId workspace, ChannelId channel, IReadOnlyCollection<UserId> users, CancellationToken cancellationToken);

    /// <param name="sendKey">
    /// Unique to this message in this channel (<c>summary</c>, <c>change-v7</c>): a platform that posts
    /// one message in several pieces (a Teams restricted room, one copy per member) resumes an
    /// interrupted post under the same key instead of repeating the pieces already sent.
    /// </param>
    Task<MessageRef> PostAsync(WorkspaceId workspace, ChannelId channel, ChatMessage message, CancellationToken cancellationToken, string? sendKey = null);

    /// <summary>
    /// Answers a message in its thread (a partner's report in a shared channel). A platform without
    /// threads posts in the message's conversation; on Teams that conversation is the thread.
    /// </summary>
    Task<MessageRef> ReplyInThreadAsync(WorkspaceId workspace, MessageRef parent, ChatMessage message, CancellationToken cancellationToken, string? sendKey = null) =>
        PostAsync(workspace, parent.Channel, message, cancellationToken, sendKey);

    /// <summary>Adds the bot's reaction (an emoji name such as <c>receipt</c>) to a message; false where bots cannot react (Teams).</summary>
    Task<bool> AddReactionAsync(WorkspaceId workspace, MessageRef message, string emoji, CancellationToken cancellationToken) =>
        Task.FromResult(false);

    Task UpdateAsync(WorkspaceId workspace, MessageRef message, ChatMessage replacement, CancellationToken cancellationToken);

    Task PinAsync(WorkspaceId workspace, MessageRef message, CancellationToken cancellationToken);

    Task SetTopicAsync(WorkspaceId workspace, ChannelId channel, string topic, CancellationToken cancellationToken);

    /// <summary>Only <paramref name="user"/> sees it (Slack ephemeral; Teams falls back to a personal message).</summary>
    Task PostPrivatelyAsync(WorkspaceId workspace, ChannelId channel, UserId user, ChatMessage message, CancellationToken cancellationToken);

    /// <summary>
    /// Answers one person through a reply address the platform handed over with their action
    /// (Slack's <c>response_url</c>, the bot's own reply on Teams), which works where the bot may
    /// not post (a channel it is not in). False when the address was refused or has expired; the
    /// caller falls back.
    /// </summary>
    /// <param name="replacesAnswer">The message replaces the answer the person already had ("being recorded" → the number).</param>
    Task<bool> ReplyAsync(WorkspaceId workspace, string replyAddress, ChatMessage message, CancellationToken cancellationToken, bool replacesAnswer = false);

    Task<MessageRef> SendDirectAsync(WorkspaceId workspace, UserId user, ChatMessage message, CancellationToken cancellationToken);

    /// <summary>The person's profile (time zone for reminders and night-time paging); null if unknown.</summary>
    Task<ChatUser?> GetUserAsync(WorkspaceId workspace, UserId user, CancellationToken cancellationToken);

    /// <summary>The person with this e-mail address (rotations name people by e-mail); null if there is none.</summary>
    Task<UserId?> FindUserByEmailAsync(WorkspaceId workspace, string email, CancellationToken cancellationToken);

    /// <summary>
    /// The members of a group of people the platform keeps (a Slack user group, a Teams team), for
    /// the on-call admins; null when the platform has no such group or cannot list it.
    /// </summary>
    Task<IReadOnlyCollection<UserId>?> GroupMembersAsync(WorkspaceId workspace, string group, CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyCollection<UserId>?>(null);

    /// <summary>Reads a message back (for the timeline); null when it is gone or not visible to the bot.</summary>
    Task<FetchedMessage?> FetchMessageAsync(WorkspaceId workspace, MessageRef message, CancellationToken cancellationToken);

    /// <summary>
    /// Archives a channel (the retention purge): it stays readable with its history, and no one can
    /// post in it. Archiving an archived channel is no failure.
    /// </summary>
    /// <returns>False when the platform cannot archive channels (nothing was done).</returns>
    Task<bool> ArchiveChannelAsync(WorkspaceId workspace, ChannelId channel, CancellationToken cancellationToken) =>
        Task.FromResult(false);

    /// <summary>Whether <see cref="UploadFileAsync"/> takes any file; false where only images go (in a card).</summary>
    bool CanUploadFiles => true;

    /// <summary>Shares a file in a channel (a post-mortem draft); returns the platform's file id.</summary>
    /// <exception cref="NotSupportedException">The platform cannot share files; callers fall back to a message.</exception>
    Task<string> UploadFileAsync(WorkspaceId workspace, ChannelId channel, ChatFile file, CancellationToken cancellationToken) =>
        throw new NotSupportedException($"The {Name} platform cannot share files.");
}
