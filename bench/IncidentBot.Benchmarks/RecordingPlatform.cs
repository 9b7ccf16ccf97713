using System.Collections.Concurrent;
using IncidentBot.Dialogs.Incidents;
using IncidentBot.Dialogs.Platform;

namespace IncidentBot.Benchmarks;

/// <summary>A chat platform that answers at once and records when each direct message arrived.</summary>
internal sealed class RecordingPlatform(TimeProvider clock) : IChatPlatform
{
    private long _next;
    private int _duplicates;

    public int Duplicates => _duplicates;

    public ConcurrentDictionary<string, DateTimeOffset> DirectMessages { get; } = new(StringComparer.Ordinal);

    public PlatformId Name => PlatformId.Slack;

    public ChannelId? AnnouncementChannel => null;

    public Task<ChannelRef> CreateChannelAsync(WorkspaceId workspace, string name, bool isPrivate, CancellationToken cancellationToken) =>
        Task.FromResult(new ChannelRef(new ChannelId("C" + Interlocked.Increment(ref _next)), name));

    public Task<IReadOnlyCollection<UserId>> InviteAsync(WorkspaceId workspace, ChannelId channel, IReadOnlyCollection<UserId> users, CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyCollection<UserId>>([]);

    public Task<MessageRef> PostAsync(WorkspaceId workspace, ChannelId channel, ChatMessage message, CancellationToken cancellationToken, string? sendKey = null) =>
        Task.FromResult(new MessageRef(channel, Interlocked.Increment(ref _next).ToString(System.Globalization.CultureInfo.InvariantCulture)));

    public Task UpdateAsync(WorkspaceId workspace, MessageRef message, ChatMessage replacement, CancellationToken cancellationToken) => Task.CompletedTask;

    public Task PinAsync(WorkspaceId workspace, MessageRef message, CancellationToken cancellationToken) => Task.CompletedTask;

    public Task SetTopicAsync(WorkspaceId workspace, ChannelId channel, string topic, CancellationToken cancellationToken) => Task.CompletedTask;

    public Task PostPrivatelyAsync(WorkspaceId workspace, ChannelId channel, UserId user, ChatMessage message, CancellationToken cancellationToken) => Task.CompletedTask;

    public Task<MessageRef> SendDirectAsync(WorkspaceId workspace, UserId user, ChatMessage message, CancellationToken cancellationToken)
    {
        // The action item's number is in the text: "#123 on INC-4 is due …" in its plain words.
        var text = message.Text.ToPlainText();
        var number = text.IndexOf("INC-", StringComparison.Ordinal) + 4;
        var key = text[(text.IndexOf('#', StringComparison.Ordinal) + 1)..text.IndexOf(" on ", StringComparison.Ordinal)]
            + "@" + text[number..text.IndexOf(' ', number)];
        if (!DirectMessages.TryAdd(key, clock.GetUtcNow()))
            Interlocked.Increment(ref _duplicates);
        return Task.FromResult(new MessageRef(new ChannelId("D" + user.Value), Interlocked.Increment(ref _next).ToString(System.Globalization.CultureInfo.InvariantCulture)));
    }

    public Task<ChatUser?> GetUserAsync(WorkspaceId workspace, UserId user, CancellationToken cancellationToken) =>
        Task.FromResult<ChatUser?>(new ChatUser(user, "Person " + user.Value, "Asia/Kathmandu", false));

    public Task<UserId?> FindUserByEmailAsync(WorkspaceId workspace, string email, CancellationToken cancellationToken) => Task.FromResult<UserId?>(null);

    public Task<FetchedMessage?> FetchMessageAsync(WorkspaceId workspace, MessageRef message, CancellationToken cancellationToken) => Task.FromResult<FetchedMessage?>(null);

    public Task<bool> ReplyAsync(WorkspaceId workspace, string replyAddress, ChatMessage message, CancellationToken cancellationToken, bool replacesAnswer = false) => Task.FromResult(false);
}
