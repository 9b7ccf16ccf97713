using System.Globalization;
using IncidentBot.Dialogs.Incidents;
using IncidentBot.Dialogs.Platform;
using IncidentBot.Dialogs.Storage;
using IncidentBot.Teams.Cards;
using IncidentBot.Teams.Conversations;
using IncidentBot.Teams.Inbound;
using IncidentBot.Teams.Outbound;
using Microsoft.Extensions.Options;

namespace IncidentBot.Teams;

/// <summary>
/// <see cref="IChatPlatform"/> over the Bot Connector. What each operation means in Teams:
/// <list type="table">
/// <item><term>CreateChannel</term><description>A new thread (conversation) in <c>Teams:IncidentsChannelId</c>, started
/// with a title post. Restricted incidents get a <see cref="TeamsPrivateRoom"/> instead: a thread in a shared channel is
/// visible to the whole team, so their messages go only to members' personal chats.</description></item>
/// <item><term>Invite</term><description>Threads: nothing to do (everyone in the team can read a channel thread, and the
/// summary and change posts mention people, which notifies them). Rooms: the person becomes a member; people the bot has
/// never seen are reported as not invitable.</description></item>
/// <item><term>Post / Update</term><description>An Adaptive Card in the thread (or a new thread when the target is the
/// incidents or announcement channel itself), updated in place by activity id; a room post is one copy per member,
/// all updated together.</description></item>
/// <item><term>Pin, SetTopic</term><description>No-ops: bots cannot pin in Teams, and a thread has no topic. The
/// summary is the first reply in the thread and is updated in place instead.</description></item>
/// <item><term>PostPrivately, SendDirect</term><description>The person's personal chat with the bot (Teams has no
/// ephemeral messages). Someone the bot cannot reach gets a mention in the incident thread instead.</description></item>
/// <item><term>GetUser, FindUserByEmail</term><description>What the person's own activities told us, then the roster of
/// the incidents channel's team.</description></item>
/// <item><term>Reply</term><description>False: Teams has no reply addresses (card presses are answered in the invoke
/// response), so callers use their fallback.</description></item>
/// <item><term>FetchMessage</term><description>Null: the Bot Connector cannot read messages (that needs Microsoft Graph).</description></item>
/// </list>
/// </summary>
public sealed partial class TeamsChatPlatform(
    TeamsConnector connector,
    TeamsPersonalChats chats,
    TeamsDirectory directory,
    TeamsRoster rosters,
    TeamsNames names,
    IDocumentStore documents,
    DocumentWriter writer,
    IOptions<TeamsOptions> options,
    ILogger<TeamsChatPlatform> logger) : IChatPlatform
{
    public PlatformId Name => PlatformId.Teams;

    public ChannelId? AnnouncementChannel =>
        options.Value.AnnouncementChannelId is { Length: > 0 } id ? new ChannelId(id) : null;

    private ChannelId IncidentsChannel => new(options.Value.IncidentsChannelId);

    public async Task<ChannelRef> CreateChannelAsync(WorkspaceId workspace, string name, bool isPrivate, CancellationToken cancellationToken)
    {
        if (isPrivate)
        {
            var roomId = TeamsPrivateRoom.IdPrefix + name;
            if (await documents.ReadAsync<TeamsPrivateRoom>(workspace, TeamsPrivateRoom.IdFor(roomId), cancellationToken) is null)
            {
                try
                {
                    await documents.CreateAsync(new TeamsPrivateRoom { WorkspaceId = workspace.Value, RoomId = roomId, Name = name }, cancellationToken);
                }
                catch (DocumentConflictException)
                {
                    // Created by a concurrent run of the channel job: the same room.
                }
            }
            return new ChannelRef(new ChannelId(roomId), name);
        }
        var root = new ChatMessage(RichText.Text($"#{name}"),
        [
            new HeaderBlock(RichText.Text("🚨 #" + name)),
            new ContextBlock(RichText.Of($"This thread is the incident's channel: its summary, changes and updates follow as replies. Mention {options.Value.CommandPrefix} here to change it.")),
        ]);
        var serviceUrl = await ServiceUrlAsync(workspace, cancellationToken);
        string conversation;
        try
        {
            (conversation, _) = await connector.StartThreadAsync(serviceUrl, workspace.Value, IncidentsChannel.Value,
                TeamsReplies.Card(root, TeamsRenderContext.Empty), cancellationToken);
        }
        catch (Microsoft.Bot.Schema.ErrorResponseException e) when (RefusalReason(e) is { } reason)
        {
            logger.ThreadRefused(workspace.Value, reason, (int?)e.Response?.StatusCode ?? 0);
            throw new ChannelCreationRefusedException(reason, e);
        }
        await directory.RememberThreadAsync(workspace, conversation, name, cancellationToken);
        logger.ThreadStarted(TeamsIds.Hash(conversation)[..12], workspace.Value);
        return new ChannelRef(new ChannelId(conversation), name);
    }

    /// <summary>
    /// Why the Connector refused a new thread, when trying again cannot help: the incidents channel
    /// does not exist or the bot is not in its team (the Connector has answered that with a 500
    /// <c>ConversationNotFound</c>), or the request itself is refused (400, 401, 403, 404; the Teams
    /// guidance is not to retry 403 and 404). Null for throttling and server trouble, which a retry may cure.
    /// </summary>
    private static string? RefusalReason(Microsoft.Bot.Schema.ErrorResponseException e)
    {
        var code = e.Body?.Error?.Code;
        if (code is { Length: > 0 } && PermanentErrorCodes.Contains(code))
            return code;
        var status = e.Response?.StatusCode;
        if (status is not (System.Net.HttpStatusCode.BadRequest or System.Net.HttpStatusCode.Unauthorized
            or System.Net.HttpStatusCode.Forbidden or System.Net.HttpStatusCode.NotFound))
            return null;
        return code is { Length: > 0 } ? code : string.Create(CultureInfo.InvariantCulture, $"HTTP {(int)status}");
    }

    /// <summary>Bot Framework error codes that say the conversation or the bot's access to it is missing.</summary>
    private static readonly HashSet<string> PermanentErrorCodes = new(StringComparer.OrdinalIgnoreCase)
    {
        "ConversationNotFound", "BotNotInConversationRoster", "BotDisabledByAdmin", "BotNotRegistered", "ConversationBlockedByUser",
    };

    public async Task<IReadOnlyCollection<UserId>> InviteAsync(WorkspaceId workspace, ChannelId channel, IReadOnlyCollection<UserId> users, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(users);
        if (!TeamsPrivateRoom.IsRoom(channel.Value))
            return [];
        var unknown = new List<UserId>();
        foreach (var user in users)
        {
            if (await directory.FindPersonAsync(workspace, user.Value, cancellationToken) is null)
                unknown.Add(user);
        }
        // Another run adding members at the same time: ours are added to theirs.
        await writer.WriteIncidentalAsync(workspace, async (attempt, token) =>
        {
            var room = await attempt.ReadAsync<TeamsPrivateRoom>(TeamsPrivateRoom.IdFor(channel.Value), token)
                ?? throw new InvalidOperationException("The restricted room of this incident does not exist.");
            var members = room.Value.Members.Union(users.Select(u => u.Value), StringComparer.Ordinal).ToArray();
            if (members.Length == room.Value.Members.Count)
                return false; // all of them are in already
            attempt.Batch.Replace(room.Value with { Members = members }, room.ETag);
            return true;
        }, cancellationToken);
        return unknown;
    }

    public async Task<MessageRef> PostAsync(WorkspaceId workspace, ChannelId channel, ChatMessage message, CancellationToken cancellationToken, string? sendKey = null)
    {
        if (TeamsPrivateRoom.IsRoom(channel.Value))
            return await PostToRoomAsync(workspace, channel, message, sendKey, cancellationToken);
        var activity = await CardAsync(workspace, message, cancellationToken);
        var serviceUrl = await ServiceUrlAsync(workspace, cancellationToken);
        MessageRef posted;
        if (channel == IncidentsChannel || channel == AnnouncementChannel)
        {
            // A post to the channel itself starts a new thread there.
            var (conversation, activityId) = await connector.StartThreadAsync(serviceUrl, workspace.Value, channel.Value, activity, cancellationToken);
            posted = new MessageRef(new ChannelId(conversation), activityId ?? RootActivityId(conversation));
        }
        else
        {
            var id = await connector.SendAsync(new TeamsAddress(serviceUrl, workspace.Value, channel.Value), activity, cancellationToken);
            posted = new MessageRef(channel, id);
        }
        await RememberCardAsync(workspace, posted, message, cancellationToken);
        return posted;
    }

    public async Task UpdateAsync(WorkspaceId workspace, MessageRef message, ChatMessage replacement, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        var activity = await CardAsync(workspace, replacement, cancellationToken);
        if (TeamsPrivateRoom.IsRoom(message.Channel.Value))
        {
            var fanOut = await documents.ReadAsync<TeamsFanOut>(workspace, message.MessageId, cancellationToken);
            foreach (var copy in fanOut?.Value.Copies ?? [])
            {
                var address = new TeamsAddress(copy.ServiceUrl, workspace.Value, copy.ConversationId);
                await connector.UpdateAsync(address, copy.ActivityId, await CardAsync(workspace, replacement, cancellationToken), cancellationToken);
                await RememberCardAsync(workspace, new MessageRef(new ChannelId(copy.ConversationId), copy.ActivityId), replacement, cancellationToken);
            }
            return;
        }
        var serviceUrl = await ServiceUrlAsync(workspace, cancellationToken);
        await connector.UpdateAsync(new TeamsAddress(serviceUrl, workspace.Value, message.Channel.Value), message.MessageId, activity, cancellationToken);
        await RememberCardAsync(workspace, message, replacement, cancellationToken);
    }

    /// <summary>Bots cannot pin messages in Teams; the summary stays the thread's first reply and is updated in place.</summary>
    public Task PinAsync(WorkspaceId workspace, MessageRef message, CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>A Teams thread has no topic; the summary card carries everything a topic would.</summary>
    public Task SetTopicAsync(WorkspaceId workspace, ChannelId channel, string topic, CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>Teams has no ephemeral messages: the person's personal chat, or a content-free mention where they are.</summary>
    public async Task PostPrivatelyAsync(WorkspaceId workspace, ChannelId channel, UserId user, ChatMessage message, CancellationToken cancellationToken)
    {
        var activity = await CardAsync(workspace, message, cancellationToken);
        if (await chats.SendAsync(workspace, user, activity, cancellationToken) is { } sent)
        {
            await RememberCardAsync(workspace, new MessageRef(new ChannelId(sent.Address.ConversationId), sent.ActivityId), message, cancellationToken);
            return;
        }
        if (TeamsPrivateRoom.IsRoom(channel.Value))
            return; // a room reaches people only in personal chats, which is what just failed
        await PostAsync(workspace, channel, ChatMessage.Plain(RichText.Of(
            $"{RichText.Mention(user)}, I have an answer only you should see, but I can't reach you in a personal chat. {HowToInstall}")), cancellationToken);
    }

    /// <summary>
    /// Teams hands over no reply address with an action (a card press is answered in the invoke's
    /// own response), so there is never one to use: false, and the caller falls back.
    /// </summary>
    /// <summary>
    /// Teams hands out no reply addresses; the bot's own earlier answer is one
    /// (<see cref="TeamsReplyAddress"/>): the new message updates it in place.
    /// </summary>
    public async Task<bool> ReplyAsync(WorkspaceId workspace, string replyAddress, ChatMessage message, CancellationToken cancellationToken, bool replacesAnswer = false)
    {
        if (TeamsReplyAddress.TryParse(replyAddress) is not { } answer)
            return false;
        await UpdateAsync(workspace, answer, message, cancellationToken);
        return true;
    }

    /// <summary>
    /// The person's personal chat. Someone the bot has never been able to reach gets a mention
    /// instead: in the incident thread the message is about (with the message), or, when that is
    /// restricted or unknown, in the incidents channel (without it).
    /// </summary>
    public async Task<MessageRef> SendDirectAsync(WorkspaceId workspace, UserId user, ChatMessage message, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        var activity = await CardAsync(workspace, message, cancellationToken);
        if (await chats.SendAsync(workspace, user, activity, cancellationToken) is { } sent)
        {
            var posted = new MessageRef(new ChannelId(sent.Address.ConversationId), sent.ActivityId);
            await RememberCardAsync(workspace, posted, message, cancellationToken);
            return posted;
        }
        if (ThreadOf(message) is { } thread)
        {
            var withMention = message with
            {
                Text = RichText.Of($"{RichText.Mention(user)} {message.Text}"),
                Blocks = [new TextBlock(RichText.Of($"{RichText.Mention(user)}, I couldn't reach you in a personal chat, so here it is:")), .. message.Blocks],
            };
            return await PostAsync(workspace, thread, withMention, cancellationToken);
        }
        return await PostAsync(workspace, IncidentsChannel, ChatMessage.Plain(RichText.Of(
            $"{RichText.Mention(user)}, I have a personal message for you (a page or a reminder), but I can't reach you in a personal chat. {HowToInstall}")), cancellationToken);
    }

    public async Task<ChatUser?> GetUserAsync(WorkspaceId workspace, UserId user, CancellationToken cancellationToken)
    {
        var person = await directory.FindPersonAsync(workspace, user.Value, cancellationToken)
            ?? await FromRosterAsync(workspace, user.Value, cancellationToken);
        return person is null ? null : new ChatUser(user, person.Name, person.TimeZone, IsBot: false) { Email = person.Email };
    }

    /// <summary>
    /// A team's (or channel's) members by AAD object id, from its roster (<see cref="TeamsRoster"/>):
    /// the on-call admins. Null for anything that is not a <c>19:…</c> conversation id.
    /// </summary>
    public async Task<IReadOnlyCollection<UserId>?> GroupMembersAsync(WorkspaceId workspace, string group, CancellationToken cancellationToken)
    {
        if (!group.StartsWith("19:", StringComparison.Ordinal))
            return null;
        var serviceUrl = await ServiceUrlAsync(workspace, cancellationToken);
        var roster = await rosters.MembersAsync(new TeamsAddress(serviceUrl, workspace.Value, group), cancellationToken);
        return [.. roster.ObjectIds.Select(id => new UserId(id))];
    }

    /// <summary>
    /// What the person's own activities (or an earlier lookup) stored, else the incidents channel's
    /// roster, read at most once per <see cref="TeamsOptions.RosterCacheMinutes"/> (<see cref="TeamsRoster"/>):
    /// an unknown e-mail costs one store query, not a walk through the roster. Only the person
    /// found is stored.
    /// </summary>
    public async Task<UserId?> FindUserByEmailAsync(WorkspaceId workspace, string email, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(email);
        if (await directory.FindByEmailAsync(workspace, email, cancellationToken) is { } known)
            return new UserId(known.AadObjectId);
        var serviceUrl = await ServiceUrlAsync(workspace, cancellationToken);
        var roster = await rosters.MembersAsync(new TeamsAddress(serviceUrl, workspace.Value, IncidentsChannel.Value), cancellationToken);
        if (roster.FindByEmail(email) is not { } member)
            return null;
        await directory.RememberPersonAsync(workspace, new TeamsPerson
        {
            WorkspaceId = workspace.Value,
            AadObjectId = member.AadObjectId,
            TeamsUserId = member.Id,
            Name = member.Name,
            Email = (member.Email ?? member.UserPrincipalName)?.Trim().ToLowerInvariant(),
            ServiceUrl = serviceUrl,
        }, cancellationToken);
        return new UserId(member.AadObjectId);
    }

    /// <summary>The Bot Connector cannot read messages back; the timeline keeps what the bot itself recorded.</summary>
    public Task<FetchedMessage?> FetchMessageAsync(WorkspaceId workspace, MessageRef message, CancellationToken cancellationToken) =>
        Task.FromResult<FetchedMessage?>(null);

    /// <summary>Images only, in a card: other files (an evidence package) go as a download link instead.</summary>
    public bool CanUploadFiles => false;

    /// <summary>
    /// Teams takes no files from a bot in a channel (that needs SharePoint through Graph), so a PNG
    /// (a chart) goes in an Adaptive Card as an inline <c>data:image/png</c> URI, with its alt text
    /// and title. Teams refuses activities over about 28 KB, so an image whose URI would pass
    /// <see cref="MaxInlineImageChars"/> is described in words instead. Other files are not supported.
    /// </summary>
    public async Task<string> UploadFileAsync(WorkspaceId workspace, ChannelId channel, ChatFile file, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(file);
        if (!file.FileName.EndsWith(".png", StringComparison.OrdinalIgnoreCase))
            throw new NotSupportedException("Teams takes images only (in a card); other files need Microsoft Graph.");
        if (file.ContentStream is not null)
            throw new NotSupportedException("An image goes inline in a card, from memory; a streamed file is too large for one.");
        var alt = file.AltText ?? file.Title;
        var dataUri = "data:image/png;base64," + Convert.ToBase64String(file.Content.Span);
        var blocks = new List<MessageBlock> { new HeaderBlock(RichText.Text(file.Title)) };
        if (file.InitialComment is { IsEmpty: false } comment)
            blocks.Add(new TextBlock(comment));
        if (dataUri.Length <= MaxInlineImageChars)
        {
            blocks.Add(new ImageBlock(dataUri, alt));
            blocks.Add(new ContextBlock(RichText.Text(alt)));
        }
        else
        {
            logger.ImageTooLargeForCard(workspace.Value, file.Content.Length);
            blocks.Add(new TextBlock(RichText.Text("📊 " + alt)));
        }
        var posted = await PostAsync(workspace, channel, new ChatMessage(RichText.Text(file.Title), blocks), cancellationToken);
        return posted.MessageId;
    }

    /// <summary>The longest inline image a card carries: leaves room under Teams' ~28 KB activity limit for the rest of the card.</summary>
    public const int MaxInlineImageChars = 24_000;

    private string HowToInstall =>
        $"Open a chat with {options.Value.CommandPrefix.TrimStart('@')} (Apps → {options.Value.CommandPrefix.TrimStart('@')} → Add) so pages and reminders reach you.";

    /// <summary>
    /// One copy per member, each recorded on the fan-out document as soon as it is sent. With a
    /// send key the document's id is derived from it, so a post interrupted half-way (the Connector
    /// answered 500 for one member) resumes with the members still missing a copy: nobody gets two,
    /// and every copy sent is known, so updates reach all of them.
    /// </summary>
    private async Task<MessageRef> PostToRoomAsync(WorkspaceId workspace, ChannelId room, ChatMessage message, string? sendKey, CancellationToken cancellationToken)
    {
        var found = await documents.ReadAsync<TeamsPrivateRoom>(workspace, TeamsPrivateRoom.IdFor(room.Value), cancellationToken)
            ?? throw new InvalidOperationException("The restricted room of this incident does not exist.");
        var id = sendKey is null
            ? "teams-fan-" + Guid.NewGuid().ToString("N")
            : "teams-fan-" + TeamsIds.Hash(room.Value + "\n" + sendKey);
        var fanOut = await documents.ReadAsync<TeamsFanOut>(workspace, id, cancellationToken);
        if (fanOut is null)
        {
            var fresh = new TeamsFanOut { Id = id, WorkspaceId = workspace.Value, RoomId = room.Value };
            try
            {
                fanOut = new(fresh, await documents.CreateAsync(fresh, cancellationToken));
            }
            catch (DocumentConflictException)
            {
                fanOut = await documents.ReadAsync<TeamsFanOut>(workspace, id, cancellationToken)
                    ?? throw new InvalidOperationException($"Fan-out {id} vanished while being created.");
            }
        }
        foreach (var member in found.Value.Members)
        {
            if (fanOut.Value.Copies.Any(c => c.Person == member))
                continue; // sent by an earlier try of this post
            // One activity per copy: the SDK fills in each activity's conversation as it sends it.
            var activity = await CardAsync(workspace, message, cancellationToken);
            var sent = await chats.SendAsync(workspace, new UserId(member), activity, cancellationToken);
            if (sent is null)
            {
                logger.RoomCopyFailed(TeamsIds.Hash(room.Value)[..12], workspace.Value, member, "unreachable");
                continue;
            }
            var copy = new TeamsFanOutCopy(member, sent.Value.Address.ConversationId, sent.Value.ActivityId, sent.Value.Address.ServiceUrl);
            var recorded = await writer.WriteAsync(workspace, async (attempt, token) =>
            {
                var current = await attempt.ReadAsync(id, fanOut, token)
                    ?? throw new InvalidOperationException($"Fan-out {id} vanished while being posted.");
                var changed = current.Value with { Copies = [.. current.Value.Copies, copy] };
                attempt.Batch.Replace(changed, current.ETag);
                return changed;
            }, cancellationToken);
            fanOut = recorded.Versioned(recorded.Value);
            await RememberCardAsync(workspace, new MessageRef(new ChannelId(sent.Value.Address.ConversationId), sent.Value.ActivityId), message, cancellationToken);
        }
        return new MessageRef(room, id);
    }

    private async Task<TeamsPerson?> FromRosterAsync(WorkspaceId workspace, string aadObjectId, CancellationToken cancellationToken)
    {
        var serviceUrl = await ServiceUrlAsync(workspace, cancellationToken);
        var member = await connector.GetMemberAsync(new TeamsAddress(serviceUrl, workspace.Value, IncidentsChannel.Value), aadObjectId, cancellationToken);
        if (member is null || string.IsNullOrEmpty(member.Id))
            return null;
        return await directory.RememberPersonAsync(workspace, new TeamsPerson
        {
            WorkspaceId = workspace.Value,
            AadObjectId = aadObjectId,
            TeamsUserId = member.Id,
            Name = member.Name,
            Email = (member.Email ?? member.UserPrincipalName)?.Trim().ToLowerInvariant(),
            ServiceUrl = serviceUrl,
        }, cancellationToken);
    }

    private async Task<Microsoft.Bot.Schema.Activity> CardAsync(WorkspaceId workspace, ChatMessage message, CancellationToken cancellationToken) =>
        TeamsReplies.Card(message, await names.ContextForAsync(workspace, message, cancellationToken));

    private async Task RememberCardAsync(WorkspaceId workspace, MessageRef posted, ChatMessage message, CancellationToken cancellationToken)
    {
        if (!message.Blocks.OfType<ButtonsBlock>().Any())
            return;
        await documents.UpsertAsync(new TeamsCardRecord
        {
            WorkspaceId = workspace.Value,
            ConversationId = posted.Channel.Value,
            ActivityId = posted.MessageId,
            Message = message,
        }, cancellationToken);
    }

    private async Task<string> ServiceUrlAsync(WorkspaceId workspace, CancellationToken cancellationToken) =>
        (await directory.FindTenantAsync(workspace, cancellationToken))?.ServiceUrl ?? options.Value.ServiceUrl;

    private static string RootActivityId(string conversation)
    {
        var marker = conversation.IndexOf(";messageid=", StringComparison.Ordinal);
        return marker < 0 ? conversation : conversation[(marker + ";messageid=".Length)..];
    }

    /// <summary>The incident thread a message refers to (a channel run, or legacy <c>&lt;#id&gt;</c>), unless it is a restricted room.</summary>
    private static ChannelId? ThreadOf(ChatMessage message)
    {
        var texts = message.Blocks.Select(b => b switch
        {
            TextBlock t => t.Text,
            ContextBlock c => c.Text,
            _ => RichText.Empty,
        }).Prepend(message.Text);
        foreach (var run in texts.SelectMany(text => text.Descendants()))
        {
            if (run is ChannelRun { Channel.Value: var id } && !TeamsPrivateRoom.IsRoom(id))
                return new ChannelId(id);
        }
        return null;
    }
}
