namespace IncidentBot.Slack.WebApi;

/// <summary>The <c>reactions.*</c> methods.</summary>
public sealed class SlackReactionsApi(SlackApiClient client)
{
    public const string AlreadyReacted = "already_reacted";

    /// <summary>Adds the bot's reaction to a message; adding it again (a rerun job) is not an error.</summary>
    public async Task AddAsync(string channel, string timestamp, string name, CancellationToken cancellationToken)
    {
        try
        {
            await client.PostJsonAsync("reactions.add", new ReactionsAddRequest(channel, name, timestamp), SlackWebApiJsonContext.Default.ReactionsAddRequest, cancellationToken);
        }
        catch (SlackApiException e) when (e.Error == AlreadyReacted)
        {
        }
    }
}
