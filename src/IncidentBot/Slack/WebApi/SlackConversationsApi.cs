using System.Globalization;

namespace IncidentBot.Slack.WebApi;

/// <summary>The <c>conversations.*</c> methods.</summary>
public sealed class SlackConversationsApi(SlackApiClient client)
{
    public const string AlreadyInChannel = "already_in_channel";

    public const string AlreadyArchived = "already_archived";

    /// <summary>What <c>conversations.replies</c> answers for a ts that is no message at all.</summary>
    public const string ThreadNotFound = "thread_not_found";

    private static SlackWebApiJsonContext Json => SlackWebApiJsonContext.Default;

    /// <summary>Creates a channel; a clash answers <see cref="SlackApiException"/> with <c>name_taken</c>.</summary>
    public async Task<SlackConversation> CreateAsync(string name, bool isPrivate, CancellationToken cancellationToken)
    {
        var response = await client.PostJsonAsync("conversations.create", new ConversationsCreateRequest(name, isPrivate),
            Json.ConversationsCreateRequest, Json.ConversationResponse, cancellationToken);
        return response.Channel;
    }

    /// <summary>
    /// Invites users in one call. Someone already in the channel counts as invited, whether
    /// Slack says so as the top-level error or per user in <c>errors[]</c>.
    /// </summary>
    public async Task InviteAsync(string channel, IReadOnlyCollection<string> users, CancellationToken cancellationToken)
    {
        ConversationsInviteResponse response;
        try
        {
            response = await client.PostJsonAsync("conversations.invite", new ConversationsInviteRequest(channel, string.Join(',', users), Force: true),
                Json.ConversationsInviteRequest, Json.ConversationsInviteResponse, cancellationToken);
        }
        catch (SlackApiException e) when (OnlyAlreadyInChannel(e.Error, e.UserErrors))
        {
            return;
        }
        // With force, Slack may answer ok and still list the users it could not invite.
        var failures = response.Errors?.Where(e => e.Error != AlreadyInChannel).ToArray() ?? [];
        if (failures.Length > 0)
            throw new SlackApiException("conversations.invite", failures[0].Error, userErrors: failures);
    }

    /// <summary>Archives a channel (retention); one already archived counts as archived.</summary>
    public async Task ArchiveAsync(string channel, CancellationToken cancellationToken)
    {
        try
        {
            await client.PostJsonAsync("conversations.archive", new ConversationsArchiveRequest(channel), Json.ConversationsArchiveRequest, cancellationToken);
        }
        catch (SlackApiException e) when (e.Error == AlreadyArchived)
        {
        }
    }

    public Task SetTopicAsync(string channel, string topic, CancellationToken cancellationToken) =>
        client.PostJsonAsync("conversations.setTopic", new ConversationsSetTopicRequest(channel, topic), Json.ConversationsSetTopicRequest, cancellationToken);

    /// <summary>Messages at or before <paramref name="latest"/>, newest first (top-level messages only).</summary>
    public async Task<IReadOnlyList<SlackMessage>> HistoryAsync(string channel, string latest, bool inclusive, int limit, CancellationToken cancellationToken)
    {
        var response = await client.PostFormAsync("conversations.history",
            [
                new("channel", channel),
                new("latest", latest),
                new("inclusive", inclusive ? "true" : "false"),
                new("limit", limit.ToString(CultureInfo.InvariantCulture)),
            ],
            Json.ConversationMessagesResponse, cancellationToken);
        return response.Messages ?? [];
    }

    /// <summary>The thread containing <paramref name="ts"/>, oldest first, between <paramref name="oldest"/> and <paramref name="latest"/>.</summary>
    public async Task<IReadOnlyList<SlackMessage>> RepliesAsync(
        string channel, string ts, string? oldest, string? latest, bool inclusive, int limit, CancellationToken cancellationToken)
    {
        var arguments = new List<KeyValuePair<string, string>>
        {
            new("channel", channel),
            new("ts", ts),
            new("inclusive", inclusive ? "true" : "false"),
            new("limit", limit.ToString(CultureInfo.InvariantCulture)),
        };
        if (oldest is not null)
            arguments.Add(new("oldest", oldest));
        if (latest is not null)
            arguments.Add(new("latest", latest));
        var response = await client.PostFormAsync("conversations.replies", arguments, Json.ConversationMessagesResponse, cancellationToken);
        return response.Messages ?? [];
    }

    /// <summary>
    /// One message by its ts, or null. History only holds top-level messages, so a thread
    /// reply is looked up through <c>conversations.replies</c>; both can also return a
    /// neighbour (the parent, an older message), hence the ts check.
    /// </summary>
    public async Task<SlackMessage?> GetMessageAsync(string channel, string ts, CancellationToken cancellationToken)
    {
        var history = await HistoryAsync(channel, ts, inclusive: true, limit: 1, cancellationToken);
        if (history.FirstOrDefault(m => m.Ts == ts) is { } message)
            return message;
        try
        {
            // Slack puts the thread's parent first whatever the bounds, so room for two.
            var replies = await RepliesAsync(channel, ts, oldest: ts, latest: ts, inclusive: true, limit: 2, cancellationToken);
            return replies.FirstOrDefault(m => m.Ts == ts);
        }
        catch (SlackApiException e) when (e.Error == ThreadNotFound)
        {
            return null;
        }
    }

    private static bool OnlyAlreadyInChannel(string error, IReadOnlyList<SlackUserError> userErrors) =>
        userErrors.Count > 0 ? userErrors.All(e => e.Error == AlreadyInChannel) : error == AlreadyInChannel;
}
