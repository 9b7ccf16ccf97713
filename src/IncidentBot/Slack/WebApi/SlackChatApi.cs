namespace IncidentBot.Slack.WebApi;

/// <summary>The <c>chat.*</c> methods.</summary>
public sealed class SlackChatApi(SlackApiClient client)
{
    private static SlackWebApiJsonContext Json => SlackWebApiJsonContext.Default;

    public Task<ChatPostMessageResponse> PostMessageAsync(ChatPostMessageRequest message, CancellationToken cancellationToken) =>
        client.PostJsonAsync("chat.postMessage", message, Json.ChatPostMessageRequest, Json.ChatPostMessageResponse, cancellationToken);

    public Task<ChatUpdateResponse> UpdateAsync(ChatUpdateRequest message, CancellationToken cancellationToken) =>
        client.PostJsonAsync("chat.update", message, Json.ChatUpdateRequest, Json.ChatUpdateResponse, cancellationToken);

    /// <returns>The ephemeral message's <c>message_ts</c>.</returns>
    public async Task<string> PostEphemeralAsync(ChatPostEphemeralRequest message, CancellationToken cancellationToken)
    {
        var response = await client.PostJsonAsync("chat.postEphemeral", message, Json.ChatPostEphemeralRequest, Json.ChatPostEphemeralResponse, cancellationToken);
        return response.MessageTs;
    }

    /// <returns>A link to the message that opens in Slack for anyone who may see it.</returns>
    public async Task<string> GetPermalinkAsync(string channel, string messageTs, CancellationToken cancellationToken)
    {
        var response = await client.PostFormAsync("chat.getPermalink",
            [new("channel", channel), new("message_ts", messageTs)],
            Json.ChatPermalinkResponse, cancellationToken);
        return response.Permalink;
    }
}
