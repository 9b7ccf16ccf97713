using IncidentBot.Teams.Inbound;
using Microsoft.Bot.Builder;
using Microsoft.Bot.Builder.Teams;
using Microsoft.Bot.Connector;
using Microsoft.Bot.Connector.Teams;
using Microsoft.Bot.Schema;
using Microsoft.Bot.Schema.Teams;
using Microsoft.Extensions.Options;

namespace IncidentBot.Teams.Outbound;

/// <summary>
/// Proactive calls to the Bot Connector: each runs in a turn the adapter opens with
/// <c>ContinueConversationAsync</c> (or <c>CreateConversationAsync</c>) and uses that turn's
/// connector client, so authentication and token caching are the SDK's. Without an app id the
/// bot never calls a Bot Connector that is not on this machine.
/// </summary>
public sealed class TeamsConnector(TeamsAdapter adapter, IOptions<TeamsOptions> options)
{
    private string AppId => options.Value.MicrosoftAppId;

    /// <summary>Posts a new message at the end of the conversation (a thread: a reply in it).</summary>
    public async Task<string> SendAsync(TeamsAddress address, Activity activity, CancellationToken cancellationToken)
    {
        ResourceResponse? sent = null;
        await ContinueAsync(address, async (client, conversationId, token) =>
        {
            Address(activity, address);
            sent = await client.Conversations.SendToConversationAsync(conversationId, activity, token);
        }, cancellationToken);
        return sent?.Id ?? throw new InvalidOperationException("The Bot Connector answered a send without an activity id.");
    }

    public Task UpdateAsync(TeamsAddress address, string activityId, Activity activity, CancellationToken cancellationToken) =>
        ContinueAsync(address, async (client, conversationId, token) =>
        {
            Address(activity, address);
            activity.Id = activityId;
            await client.Conversations.UpdateActivityAsync(conversationId, activityId, activity, token);
        }, cancellationToken);

    /// <summary>Starts a new thread in a channel with <paramref name="root"/> as its first post.</summary>
    /// <returns>The thread's conversation id (<c>19:…;messageid=…</c>) and the root post's id.</returns>
    public async Task<(string ConversationId, string? ActivityId)> StartThreadAsync(
        string serviceUrl, string tenantId, string channelId, Activity root, CancellationToken cancellationToken)
    {
        EnsureAllowed(serviceUrl);
        var parameters = new ConversationParameters
        {
            IsGroup = true,
            TenantId = tenantId,
            ChannelData = new TeamsChannelData { Channel = new ChannelInfo(channelId), Tenant = new TenantInfo(tenantId) },
            Activity = root,
        };
        string? conversationId = null;
        string? activityId = null;
        await adapter.CreateConversationAsync(AppId, Channels.Msteams, serviceUrl, null, parameters, (turn, _) =>
        {
            conversationId = turn.Activity.Conversation?.Id;
            activityId = turn.Activity.Id;
            return Task.CompletedTask;
        }, cancellationToken);
        if (string.IsNullOrEmpty(conversationId))
            throw new InvalidOperationException("The Bot Connector created a conversation without an id.");
        return (conversationId, activityId);
    }

    /// <summary>Opens (or finds) the 1:1 chat between the bot and a person who has the app.</summary>
    public async Task<string> OpenPersonalChatAsync(string serviceUrl, string tenantId, string botId, string teamsUserId, CancellationToken cancellationToken)
    {
        EnsureAllowed(serviceUrl);
        var parameters = new ConversationParameters
        {
            IsGroup = false,
            Bot = new ChannelAccount(botId),
            Members = [new ChannelAccount(teamsUserId)],
            TenantId = tenantId,
            ChannelData = new TeamsChannelData { Tenant = new TenantInfo(tenantId) },
        };
        string? conversationId = null;
        await adapter.CreateConversationAsync(AppId, Channels.Msteams, serviceUrl, null, parameters, (turn, _) =>
        {
            conversationId = turn.Activity.Conversation?.Id;
            return Task.CompletedTask;
        }, cancellationToken);
        return string.IsNullOrEmpty(conversationId)
            ? throw new InvalidOperationException("The Bot Connector opened a chat without an id.")
            : conversationId;
    }

    /// <summary>One member of a conversation or team (by Teams id or AAD object id); null if not a member.</summary>
    public async Task<TeamsChannelAccount?> GetMemberAsync(TeamsAddress address, string memberId, CancellationToken cancellationToken)
    {
        TeamsChannelAccount? member = null;
        await ContinueAsync(address, async (turn, token) =>
        {
            try
            {
                member = await TeamsInfo.GetMemberAsync(turn, memberId, token);
            }
            catch (ErrorResponseException e) when (e.Response?.StatusCode is System.Net.HttpStatusCode.NotFound)
            {
                member = null;
            }
        }, cancellationToken);
        return member;
    }

    /// <summary>The members of a team or conversation, page by page, stopping once <paramref name="maxMembers"/> are read.</summary>
    /// <returns>The members read, and whether that is all of them (false: the roster is larger than the limit).</returns>
    public async Task<(IReadOnlyList<TeamsChannelAccount> Members, bool IsComplete)> GetMembersAsync(
        TeamsAddress address, int maxMembers, CancellationToken cancellationToken)
    {
        var members = new List<TeamsChannelAccount>();
        string? continuation = null;
        await ContinueAsync(address, async (turn, token) =>
        {
            do
            {
                var page = await TeamsInfo.GetPagedMembersAsync(turn, Math.Min(PageSize, maxMembers - members.Count), continuation, token);
                members.AddRange(page.Members.Take(maxMembers - members.Count));
                continuation = page.ContinuationToken;
            }
            while (!string.IsNullOrEmpty(continuation) && members.Count < maxMembers);
        }, cancellationToken);
        return (members, string.IsNullOrEmpty(continuation));
    }

    /// <summary>Teams' largest page of members.</summary>
    private const int PageSize = 500;

    private Task ContinueAsync(TeamsAddress address, Func<IConnectorClient, string, CancellationToken, Task> call, CancellationToken cancellationToken) =>
        ContinueAsync(address, (turn, token) =>
        {
            var client = turn.TurnState.Get<IConnectorClient>()
                ?? throw new InvalidOperationException("The adapter opened a turn without a connector client.");
            return call(client, address.ConversationId, token);
        }, cancellationToken);

    private async Task ContinueAsync(TeamsAddress address, Func<ITurnContext, CancellationToken, Task> call, CancellationToken cancellationToken)
    {
        EnsureAllowed(address.ServiceUrl);
        var reference = new ConversationReference
        {
            ChannelId = Channels.Msteams,
            ServiceUrl = address.ServiceUrl,
            Conversation = new ConversationAccount(id: address.ConversationId, tenantId: address.TenantId),
        };
        await adapter.ContinueConversationAsync(AppId, reference, (turn, token) => call(turn, token), cancellationToken);
    }

    private static void Address(Activity activity, TeamsAddress address)
    {
        activity.ChannelId = Channels.Msteams;
        activity.ServiceUrl = address.ServiceUrl;
        activity.Conversation = new ConversationAccount(id: address.ConversationId, tenantId: address.TenantId);
    }

    private void EnsureAllowed(string serviceUrl)
    {
        if (!options.Value.IsAuthenticated && !TeamsServiceUrls.IsLoopback(serviceUrl))
            throw new InvalidOperationException("Without an app id the bot only talks to a Bot Connector on this machine.");
    }
}
