namespace IncidentBot.Slack.WebApi;

/// <summary>The <c>pins.*</c> methods.</summary>
public sealed class SlackPinsApi(SlackApiClient client)
{
    public const string AlreadyPinned = "already_pinned";

    /// <summary>Pins a message; pinning it again (a rerun job) is not an error.</summary>
    public async Task AddAsync(string channel, string timestamp, CancellationToken cancellationToken)
    {
        try
        {
            await client.PostJsonAsync("pins.add", new PinsAddRequest(channel, timestamp), SlackWebApiJsonContext.Default.PinsAddRequest, cancellationToken);
        }
        catch (SlackApiException e) when (e.Error == AlreadyPinned)
        {
        }
    }
}
