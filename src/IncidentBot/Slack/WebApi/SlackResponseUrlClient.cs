using System.Net.Http.Headers;
using System.Text.Json;
using Microsoft.Extensions.Options;

namespace IncidentBot.Slack.WebApi;

/// <summary>
/// Answers through a <c>response_url</c> from a slash command or a button press. The URL
/// arrives in a request body, so it is only followed to Slack's own host (or to this machine,
/// with <see cref="SlackOptions.AllowLoopbackTargets"/>, for a local stand-in in development and
/// tests): anything else would let a forged payload make the bot post wherever it likes.
/// </summary>
public sealed class SlackResponseUrlClient(IHttpClientFactory clients, IOptionsMonitor<SlackOptions> options, ILogger<SlackResponseUrlClient> logger)
{
    // Made by the first answer, not at start-up, like SlackApiClient's (issue 12).
    private readonly Lazy<HttpClient> _http = new(() => clients.CreateClient(nameof(SlackResponseUrlClient)));

    public const string SlackHost = "hooks.slack.com";

    /// <returns>
    /// False when the URL was refused or Slack did not accept the message (a response_url
    /// expires after 30 minutes or 5 uses); the caller may fall back to an ephemeral post.
    /// </returns>
    public async Task<bool> SendAsync(string responseUrl, SlackResponseUrlMessage message, CancellationToken cancellationToken)
    {
        if (!Uri.TryCreate(responseUrl, UriKind.Absolute, out var url) || !IsAllowed(url, options.CurrentValue.AllowLoopbackTargets))
        {
            logger.ResponseUrlRefused(url?.Host ?? "(not a URL)");
            return false;
        }
        using var content = new ByteArrayContent(JsonSerializer.SerializeToUtf8Bytes(message, SlackWebApiJsonContext.Default.SlackResponseUrlMessage));
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json", "utf-8");
        using var response = await _http.Value.PostAsync(url, content, cancellationToken);
        if (response.IsSuccessStatusCode)
            return true;
        logger.ResponseUrlFailed((int)response.StatusCode);
        return false;
    }

    internal static bool IsAllowed(Uri url, bool allowLoopback) =>
        url.UserInfo.Length == 0
        && ((allowLoopback && SlackOptionsValidator.IsLoopback(url))
            || (url.Scheme == Uri.UriSchemeHttps && string.Equals(url.Host, SlackHost, StringComparison.OrdinalIgnoreCase)));
}
