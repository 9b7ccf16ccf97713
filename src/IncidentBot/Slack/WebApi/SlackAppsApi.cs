using Microsoft.Extensions.Options;

namespace IncidentBot.Slack.WebApi;

/// <summary>The <c>apps.*</c> methods, which take the app-level token rather than the bot token.</summary>
public sealed class SlackAppsApi(SlackApiClient client, IOptionsMonitor<SlackOptions> options)
{
    /// <summary>
    /// A fresh Socket Mode URL (<c>apps.connections.open</c>). Slack hands out a URL per call and
    /// each may be used once. Only <c>wss://</c> is accepted, or a loopback address when
    /// <see cref="SlackOptions.AllowLoopbackTargets"/> says this is development.
    /// </summary>
    public async Task<Uri> OpenConnectionAsync(CancellationToken cancellationToken)
    {
        var settings = options.CurrentValue;
        var response = await client.PostFormAsync("apps.connections.open", [], SlackWebApiJsonContext.Default.AppsConnectionsOpenResponse,
            cancellationToken, token: settings.AppToken);
        if (!Uri.TryCreate(response.Url, UriKind.Absolute, out var url))
            throw new SlackInvalidResponseException("apps.connections.open", "the url is not absolute");
        var isLoopback = SlackOptionsValidator.IsLoopback(url);
        if (!(url.Scheme == Uri.UriSchemeWss && !isLoopback) && !(settings.AllowLoopbackTargets && isLoopback && (url.Scheme == Uri.UriSchemeWs || url.Scheme == Uri.UriSchemeWss)))
            throw new SlackInvalidResponseException("apps.connections.open", "the url is not a wss:// address");
        return url;
    }
}
