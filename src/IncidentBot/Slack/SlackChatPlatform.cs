using IncidentBot.Dialogs.Channels;
using IncidentBot.Dialogs.Incidents;
using IncidentBot.Dialogs.Platform;
using IncidentBot.Slack.BlockKit;
using IncidentBot.Slack.WebApi;
using Microsoft.Extensions.Options;

namespace IncidentBot.Slack;

/// <summary>
/// <see cref="IChatPlatform"/> over Slack's Web API. This is a single-workspace install with one
/// bot token, so the <see cref="WorkspaceId"/> arguments are accepted and not used: every call
/// goes to the workspace the token belongs to.
/// </summary>
public sealed class SlackChatPlatform(
    SlackChatApi chat,
    SlackConversationsApi conversations,
    SlackPinsApi pins,
    SlackReactionsApi reactions,
    SlackUsersApi users,
    SlackResponseUrlClient responses,
    SlackFilesApi files,
    IOptions<SlackOptions> options,
    ILogger<SlackChatPlatform> logger) : IChatPlatform
{
    /// <summary>The name as asked, then suffixes -2 .. -20; an incident storm does not need more.</summary>
    public const int MaxChannelNameAttempts = 20;

    /// <summary>Slack refuses a longer topic (<c>too_long</c>).</summary>
    public const int MaxTopicLength = 250;

    public const string NameTaken = "name_taken";

    public PlatformId Name => PlatformId.Slack;

    public ChannelId? AnnouncementChannel =>
        options.Value.AnnouncementChannel is { Length: > 0 } id ? new ChannelId(id) : null;

    public async Task<ChannelRef> CreateChannelAsync(WorkspaceId workspace, string name, bool isPrivate, CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            var candidate = attempt == 1 ? name : ChannelNaming.WithSuffix(name, attempt);
            try
            {
                var channel = await conversations.CreateAsync(candidate, isPrivate, cancellationToken);
                logger.ChannelCreated(channel.Id, isPrivate);
                // Slack may normalise the name; what it reports is what people see.
                return new ChannelRef(new ChannelId(channel.Id), channel.Name ?? candidate);
            }
            catch (SlackApiException e) when (e.Error == NameTaken && attempt < MaxChannelNameAttempts)
            {
                logger.ChannelNameTaken(attempt);
            }
            catch (SlackApiException e) when (e.Error == NameTaken)
            {
                logger.ChannelNamesExhausted(attempt);
                throw;
            }
        }
    }

    public async Task<IReadOnlyCollection<UserId>> InviteAsync(WorkspaceId workspace, ChannelId channel, IReadOnlyCollection<UserId> users, CancellationToken cancellationToken)
    {
        if (users.Count == 0)
            return [];
        try
        {
            await conversations.InviteAsync(channel.Value, [.. users.Select(u => u.Value)], cancellationToken);
        }
        catch (SlackApiException e) when (e.UserErrors.Count > 0)
        {
            return [.. e.UserErrors.Select(u => new UserId(u.User))];
        }
        catch (SlackApiException e) when (users.Count == 1 && PersonErrors.Contains(e.Error))
        {
            return users;
        }
        logger.Invited(users.Count, channel.Value);
        return [];
    }

    /// <summary>Errors about the one person invited, not about the channel or the app.</summary>
    private static readonly HashSet<string> PersonErrors = new(StringComparer.Ordinal)
    {
        "user_not_found", "cant_invite", "cant_invite_self", "user_is_restricted", "user_is_ultra_restricted",
        "ura_max_channels", "user_is_deactivated",
    };

    public async Task<MessageRef> PostAsync(WorkspaceId workspace, ChannelId channel, ChatMessage message, CancellationToken cancellationToken, string? sendKey = null)
    {
        var posted = await chat.PostMessageAsync(ToPost(channel.Value, message), cancellationToken);
        return new MessageRef(new ChannelId(posted.Channel), posted.Ts);
    }

    public async Task<MessageRef> ReplyInThreadAsync(WorkspaceId workspace, MessageRef parent, ChatMessage message, CancellationToken cancellationToken, string? sendKey = null)
    {
        ArgumentNullException.ThrowIfNull(parent);
        var posted = await chat.PostMessageAsync(ToPost(parent.Channel.Value, message) with { ThreadTs = parent.MessageId }, cancellationToken);
        return new MessageRef(new ChannelId(posted.Channel), posted.Ts);
    }

    public async Task<bool> AddReactionAsync(WorkspaceId workspace, MessageRef message, string emoji, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        await reactions.AddAsync(message.Channel.Value, message.MessageId, emoji, cancellationToken);
        return true;
    }

    public async Task UpdateAsync(WorkspaceId workspace, MessageRef message, ChatMessage replacement, CancellationToken cancellationToken) =>
        await chat.UpdateAsync(
            new ChatUpdateRequest(message.Channel.Value, message.MessageId, BlockKitRenderer.FallbackText(replacement))
            {
                Blocks = BlockKitRenderer.Render(replacement),
            },
            cancellationToken);

    public Task PinAsync(WorkspaceId workspace, MessageRef message, CancellationToken cancellationToken) =>
        pins.AddAsync(message.Channel.Value, message.MessageId, cancellationToken);

    public Task SetTopicAsync(WorkspaceId workspace, ChannelId channel, string topic, CancellationToken cancellationToken) =>
        conversations.SetTopicAsync(channel.Value, TextCut.Shorten(topic, MaxTopicLength), cancellationToken);

    public async Task<bool> ArchiveChannelAsync(WorkspaceId workspace, ChannelId channel, CancellationToken cancellationToken)
    {
        await conversations.ArchiveAsync(channel.Value, cancellationToken);
        return true;
    }

    public async Task PostPrivatelyAsync(WorkspaceId workspace, ChannelId channel, UserId user, ChatMessage message, CancellationToken cancellationToken) =>
        await chat.PostEphemeralAsync(
            new ChatPostEphemeralRequest(channel.Value, user.Value, BlockKitRenderer.FallbackText(message))
            {
                Blocks = BlockKitRenderer.Render(message),
            },
            cancellationToken);

    /// <summary>
    /// Posts to the user id and Slack opens (or reuses) the DM. The reference carries the DM's
    /// own <c>D…</c> id from the answer, which is what a later update needs.
    /// </summary>
    public async Task<MessageRef> SendDirectAsync(WorkspaceId workspace, UserId user, ChatMessage message, CancellationToken cancellationToken)
    {
        var posted = await chat.PostMessageAsync(ToPost(user.Value, message), cancellationToken);
        return new MessageRef(new ChannelId(posted.Channel), posted.Ts);
    }

    public Task<bool> ReplyAsync(WorkspaceId workspace, string replyAddress, ChatMessage message, CancellationToken cancellationToken, bool replacesAnswer = false) =>
        responses.SendAsync(replyAddress, new SlackResponseUrlMessage(BlockKitRenderer.FallbackText(message))
        {
            Blocks = BlockKitRenderer.Render(message),
            ReplaceOriginal = replacesAnswer,
        }, cancellationToken);

    public async Task<ChatUser?> GetUserAsync(WorkspaceId workspace, UserId user, CancellationToken cancellationToken)
    {
        try
        {
            var found = await users.InfoAsync(user.Value, cancellationToken);
            return new ChatUser(user, found.DisplayRealName ?? found.Name, found.Tz, found.IsBot) { Email = found.Profile?.Email };
        }
        catch (SlackApiException e) when (e.Error is "user_not_found" or "user_not_visible")
        {
            return null;
        }
    }

    public async Task<UserId?> FindUserByEmailAsync(WorkspaceId workspace, string email, CancellationToken cancellationToken) =>
        await users.LookupByEmailAsync(email, cancellationToken) is { Deleted: false } found ? new UserId(found.Id) : null;

    /// <summary>A user group's members (the on-call admins); null for anything that is not a user group of this workspace.</summary>
    public async Task<IReadOnlyCollection<UserId>?> GroupMembersAsync(WorkspaceId workspace, string group, CancellationToken cancellationToken) =>
        await users.UsergroupMembersAsync(group, cancellationToken) is { } members ? [.. members.Select(id => new UserId(id))] : null;

    /// <summary>The message's text (Slack-escaped, as stored) and its permalink, for the timeline.</summary>
    public async Task<FetchedMessage?> FetchMessageAsync(WorkspaceId workspace, MessageRef message, CancellationToken cancellationToken)
    {
        var found = await conversations.GetMessageAsync(message.Channel.Value, message.MessageId, cancellationToken);
        if (found is null)
            return null;
        var link = await chat.GetPermalinkAsync(message.Channel.Value, message.MessageId, cancellationToken);
        return new FetchedMessage(ChatText.Unescape(found.Text ?? ""), link);
    }

    /// <summary>Slack's external upload flow: an upload URL, the bytes, then completing the upload into the channel.</summary>
    public Task<string> UploadFileAsync(WorkspaceId workspace, ChannelId channel, ChatFile file, CancellationToken cancellationToken) =>
        files.UploadAsync(new SlackFileUpload(channel.Value, file.FileName, file.Content)
        {
            Title = file.Title,
            InitialComment = file.InitialComment is { } comment ? SlackMrkdwn.Render(comment) : null,
            AltText = file.AltText,
            ContentStream = file.ContentStream,
        }, cancellationToken);

    private static ChatPostMessageRequest ToPost(string channel, ChatMessage message) =>
        new(channel, BlockKitRenderer.FallbackText(message)) { Blocks = BlockKitRenderer.Render(message) };
}
