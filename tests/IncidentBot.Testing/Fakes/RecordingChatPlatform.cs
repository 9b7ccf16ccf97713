using System.Collections.Concurrent;
using System.Globalization;
using IncidentBot.Dialogs.Incidents;
using IncidentBot.Dialogs.Platform;

namespace IncidentBot.Testing.Fakes;

/// <summary>
/// A chat platform that records every call and answers like a well-behaved Slack workspace:
/// channels and messages get fresh ids, everyone can be invited, every user is known (with a
/// time zone, set per user with <see cref="AddUser"/>). For the domain's unit tests, where the
/// question is what was sent to whom; the Slack adapter itself is tested against
/// <see cref="FakeSlackServer"/>.
/// </summary>
public sealed class RecordingChatPlatform : IChatPlatform
{
    private readonly ConcurrentQueue<ChatCall> _calls = new();
    private readonly ConcurrentDictionary<UserId, ChatUser> _users = new();
    private readonly ConcurrentDictionary<MessageRef, FetchedMessage> _channelMessages = new();
    private int _nextId;

    public PlatformId Name { get; init; } = PlatformId.Slack;

    public ChannelId? AnnouncementChannel { get; set; }

    /// <summary>Every call, in order.</summary>
    public IReadOnlyList<ChatCall> Calls => [.. _calls];

    /// <summary>What went out as a message (posts, replies, updates, direct and private messages).</summary>
    public IReadOnlyList<ChatCall> Messages => [.. _calls.Where(c => c.Message is not null)];

    /// <summary>Used for users not added with <see cref="AddUser"/>.</summary>
    public string DefaultTimeZone { get; init; } = "Europe/Dublin";

    public void AddUser(ChatUser user) => _users[user.Id] = user;

    /// <summary>A message someone wrote in a channel, for <see cref="FetchMessageAsync"/> to find.</summary>
    public void AddChannelMessage(MessageRef message, string text, string? permalink = null) =>
        _channelMessages[message] = new FetchedMessage(text, permalink);

    public Task<ChannelRef> CreateChannelAsync(WorkspaceId workspace, string name, bool isPrivate, CancellationToken cancellationToken)
    {
        var channel = new ChannelId("C" + NextId());
        Record(new ChatCall(nameof(CreateChannelAsync), workspace, channel, null, null) { Text = name });
        return Task.FromResult(new ChannelRef(channel, name));
    }

    public Task<IReadOnlyCollection<UserId>> InviteAsync(WorkspaceId workspace, ChannelId channel, IReadOnlyCollection<UserId> users, CancellationToken cancellationToken)
    {
        Record(new ChatCall(nameof(InviteAsync), workspace, channel, null, null) { Users = [.. users] });
        return Task.FromResult<IReadOnlyCollection<UserId>>([]);
    }

    public Task<MessageRef> PostAsync(WorkspaceId workspace, ChannelId channel, ChatMessage message, CancellationToken cancellationToken, string? sendKey = null) =>
        RefusedChannels.Contains(channel)
            ? Task.FromException<MessageRef>(new HttpRequestException($"The platform answered 500 for a post to {channel.Value}."))
            : Task.FromResult(RecordMessage(nameof(PostAsync), workspace, channel, null, message, sendKey));

    /// <summary>Channels whose posts fail as a platform's server error would (nothing is recorded for them).</summary>
    public ConcurrentBag<ChannelId> RefusedChannels { get; } = [];

    public Task<MessageRef> ReplyInThreadAsync(WorkspaceId workspace, MessageRef parent, ChatMessage message, CancellationToken cancellationToken, string? sendKey = null) =>
        Task.FromResult(RecordMessage(nameof(ReplyInThreadAsync), workspace, parent.Channel, null, message, sendKey));

    public Task<bool> AddReactionAsync(WorkspaceId workspace, MessageRef message, string emoji, CancellationToken cancellationToken)
    {
        Record(new ChatCall(nameof(AddReactionAsync), workspace, message.Channel, null, null) { Text = emoji, MessageId = message.MessageId });
        return Task.FromResult(true);
    }

    public Task UpdateAsync(WorkspaceId workspace, MessageRef message, ChatMessage replacement, CancellationToken cancellationToken)
    {
        Record(new ChatCall(nameof(UpdateAsync), workspace, message.Channel, null, replacement) { MessageId = message.MessageId });
        return Task.CompletedTask;
    }

    public Task PinAsync(WorkspaceId workspace, MessageRef message, CancellationToken cancellationToken)
    {
        Record(new ChatCall(nameof(PinAsync), workspace, message.Channel, null, null) { MessageId = message.MessageId });
        return Task.CompletedTask;
    }

    public Task SetTopicAsync(WorkspaceId workspace, ChannelId channel, string topic, CancellationToken cancellationToken)
    {
        Record(new ChatCall(nameof(SetTopicAsync), workspace, channel, null, null) { Text = topic });
        return Task.CompletedTask;
    }

    public Task PostPrivatelyAsync(WorkspaceId workspace, ChannelId channel, UserId user, ChatMessage message, CancellationToken cancellationToken)
    {
        RecordMessage(nameof(PostPrivatelyAsync), workspace, channel, user, message, null);
        return Task.CompletedTask;
    }

    public Task<bool> ReplyAsync(WorkspaceId workspace, string replyAddress, ChatMessage message, CancellationToken cancellationToken, bool replacesAnswer = false)
    {
        Record(new ChatCall(nameof(ReplyAsync), workspace, null, null, message) { Text = replyAddress });
        return Task.FromResult(true);
    }

    public Task<MessageRef> SendDirectAsync(WorkspaceId workspace, UserId user, ChatMessage message, CancellationToken cancellationToken) =>
        Task.FromResult(RecordMessage(nameof(SendDirectAsync), workspace, new ChannelId("D" + user.Value), user, message, null));

    public Task<ChatUser?> GetUserAsync(WorkspaceId workspace, UserId user, CancellationToken cancellationToken) =>
        Task.FromResult<ChatUser?>(_users.TryGetValue(user, out var known) ? known : new ChatUser(user, user.Value, DefaultTimeZone, IsBot: false));

    public Task<UserId?> FindUserByEmailAsync(WorkspaceId workspace, string email, CancellationToken cancellationToken) =>
        Task.FromResult(_users.Values.FirstOrDefault(u => string.Equals(u.Email, email, StringComparison.OrdinalIgnoreCase))?.Id);

    public Task<FetchedMessage?> FetchMessageAsync(WorkspaceId workspace, MessageRef message, CancellationToken cancellationToken)
    {
        Record(new ChatCall(nameof(FetchMessageAsync), workspace, message.Channel, null, null) { MessageId = message.MessageId });
        return Task.FromResult(_channelMessages.TryGetValue(message, out var found) ? found : null);
    }

    public Task<bool> ArchiveChannelAsync(WorkspaceId workspace, ChannelId channel, CancellationToken cancellationToken)
    {
        Record(new ChatCall(nameof(ArchiveChannelAsync), workspace, channel, null, null));
        return Task.FromResult(true);
    }

    public async Task<string> UploadFileAsync(WorkspaceId workspace, ChannelId channel, ChatFile file, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(file);
        var id = "F" + NextId();
        byte[] bytes;
        if (file.ContentStream is { } stream)
        {
            using var copy = new MemoryStream();
            await stream.CopyToAsync(copy, cancellationToken);
            bytes = copy.ToArray();
        }
        else
        {
            bytes = file.Content.ToArray();
        }
        Record(new ChatCall(nameof(UploadFileAsync), workspace, channel, null, null)
        {
            Text = file.FileName,
            MessageId = id,
            File = bytes,
            FilePath = (file.ContentStream as FileStream)?.Name,
        });
        return id;
    }

    private MessageRef RecordMessage(string method, WorkspaceId workspace, ChannelId channel, UserId? user, ChatMessage message, string? sendKey)
    {
        var id = "1764100000." + NextId();
        Record(new ChatCall(method, workspace, channel, user, message) { MessageId = id, SendKey = sendKey });
        return new MessageRef(channel, id);
    }

    private void Record(ChatCall call) => _calls.Enqueue(call);

    private string NextId() => Interlocked.Increment(ref _nextId).ToString("D6", CultureInfo.InvariantCulture);
}
