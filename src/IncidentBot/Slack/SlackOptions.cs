using System.ComponentModel.DataAnnotations;

namespace IncidentBot.Slack;

/// <summary>
/// The <c>Slack</c> configuration section. Slack is on when BotToken is set with SigningSecret
/// (Slack POSTs to the request URLs), AppToken (Socket Mode: the bot connects to Slack), or both.
/// </summary>
public sealed class SlackOptions
{
    public const string SectionName = "Slack";

    /// <summary>From the Slack app's "Basic Information" page; needed for the HTTP request URLs only. Secret.</summary>
    public string SigningSecret { get; set; } = "";

    /// <summary>
    /// The app-level token (<c>xapp-…</c>, scope <c>connections:write</c>) from "Basic Information →
    /// App-Level Tokens". When set, Slack comes in over Socket Mode and no public URL is needed. Secret.
    /// </summary>
    public string AppToken { get; set; } = "";

    /// <summary>Socket Mode connections kept open at once: Slack recommends more than one, so a refresh never leaves a gap.</summary>
    [Range(1, 10)]
    public int SocketModeConnections { get; set; } = 2;

    /// <summary>The bot user OAuth token (<c>xoxb-…</c>) from "OAuth &amp; Permissions". Secret.</summary>
    public string BotToken { get; set; } = "";

    /// <summary>Base address of the Web API: https; a loopback address only with <see cref="AllowLoopbackTargets"/>.</summary>
    [Required, Url]
    public string ApiBaseUrl { get; set; } = "https://slack.com/api/";

    /// <summary>
    /// Development and tests only: lets <see cref="ApiBaseUrl"/> and the <c>response_url</c>s in
    /// requests point at this machine (a local stand-in for Slack). Off in production, where a
    /// loopback target can only be a mistake or a forged payload aiming at a local service.
    /// </summary>
    public bool AllowLoopbackTargets { get; set; }

    /// <summary>Channel id (<c>C…</c>) where declarations and severity/status changes are announced; empty for none.</summary>
    public string AnnouncementChannel { get; set; } = "";

    /// <summary>The slash command as configured in the app, shown in usage lines.</summary>
    [Required]
    public string CommandName { get; set; } = "/incident";

    /// <summary>Reacting with this emoji (name without colons) adds a message to the incident timeline.</summary>
    [Required]
    public string TimelineReaction { get; set; } = "pushpin";

    /// <summary>How far a request timestamp may be from now, in seconds (Slack: 5 minutes).</summary>
    [Range(30, 900)]
    public int MaxRequestAgeSeconds { get; set; } = 300;

    /// <summary>Added to the replay window for clock differences between instances and the store.</summary>
    public static readonly TimeSpan ReplayClaimMargin = TimeSpan.FromMinutes(1);

    /// <summary>
    /// How long a signed request is remembered against replays. A request is accepted while its
    /// timestamp is within <see cref="MaxRequestAgeSeconds"/> of now in either direction, so a
    /// request first seen at the earliest moment it is valid stays valid for twice the window:
    /// its claim must outlive that, or a captured copy could be replayed once the claim expired.
    /// </summary>
    public TimeSpan ReplayClaimLifetime => TimeSpan.FromSeconds(2 * MaxRequestAgeSeconds) + ReplayClaimMargin;

    /// <summary>How many times a Web API call is retried after HTTP 429, honouring Retry-After.</summary>
    [Range(0, 10)]
    public int MaxRateLimitRetries { get; set; } = 3;

    public bool IsConfigured => BotToken.Length > 0 && (SigningSecret.Length > 0 || AppToken.Length > 0);

    /// <summary>Slack's POSTs to <c>/slack/*</c> can be verified (and so are accepted) only with a signing secret.</summary>
    public bool AcceptsRequestUrls => IsConfigured && SigningSecret.Length > 0;

    public bool UsesSocketMode => IsConfigured && AppToken.Length > 0;

    /// <summary>What an operator must set, for the log line and the 503 answer.</summary>
    public string MissingSettingsMessage =>
        "Slack is not configured: set " + string.Join(" and ", new[]
        {
            BotToken.Length == 0 ? "Slack__BotToken" : null,
            SigningSecret.Length == 0 && AppToken.Length == 0 ? "Slack__SigningSecret (request URLs) or Slack__AppToken (Socket Mode)" : null,
        }.OfType<string>()) + " (see docs/CONFIGURATION.md).";

    /// <summary>The 503 answer of a request URL when only Socket Mode is configured.</summary>
    public const string RequestUrlsOffMessage =
        "Slack comes in over Socket Mode here: the request URLs are off. Set Slack__SigningSecret to accept them too.";
}
