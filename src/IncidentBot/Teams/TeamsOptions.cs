using System.ComponentModel.DataAnnotations;

namespace IncidentBot.Teams;

/// <summary>
/// The <c>Teams</c> configuration section. Teams is on when <see cref="MicrosoftAppId"/> or
/// <see cref="IncidentsChannelId"/> is set (in Development without an app id, the
/// <see cref="TeamsDevelopmentDefaults"/> set them); then the rest is validated at start-up.
/// </summary>
public sealed class TeamsOptions
{
    public const string SectionName = "Teams";

    /// <summary>The public Bot Connector (Bot Framework REST API reference, "Base URI").</summary>
    public const string PublicServiceUrl = "https://smba.trafficmanager.net/teams/";

    /// <summary>
    /// The Azure Bot's Microsoft App ID (a GUID). Empty only for local development: then only
    /// requests from this machine (loopback address, no forwarding headers) naming a loopback
    /// service URL are served.
    /// </summary>
    public string MicrosoftAppId { get; set; } = "";

    /// <summary>The app's client secret. Secret. Or use <see cref="CertificatePath"/>.</summary>
    public string MicrosoftAppPassword { get; set; } = "";

    /// <summary>A PKCS#12 (.pfx) file with the app's certificate and private key, instead of a password.</summary>
    public string CertificatePath { get; set; } = "";

    /// <summary>The password of <see cref="CertificatePath"/>, if it has one. Secret.</summary>
    public string CertificatePassword { get; set; } = "";

    /// <summary>
    /// The tenant served (a GUID); activities from other tenants are refused. Required whenever Teams
    /// is on. Without an app id, the Playground's default tenant (not a GUID) is accepted too.
    /// </summary>
    public string TenantId { get; set; } = "";

    /// <summary>The channel (<c>19:…@thread.tacv2</c>) where each incident gets its own thread.</summary>
    public string IncidentsChannelId { get; set; } = "";

    /// <summary>Where declarations and severity/status changes are announced (with a Join button); empty for none.</summary>
    public string AnnouncementChannelId { get; set; } = "";

    /// <summary>The Bot Connector for proactive messages before a tenant has sent any activity (then its own is used).</summary>
    [Required, Url]
    public string ServiceUrl { get; set; } = PublicServiceUrl;

    /// <summary>How the bot is mentioned, shown in usage lines.</summary>
    [Required]
    public string CommandPrefix { get; set; } = "@IncidentBot";

    /// <summary>How long a half-finished conversation (declare without a title) waits for an answer.</summary>
    [Range(1, 1440)]
    public int DialogTimeoutMinutes { get; set; } = 10;

    /// <summary>Largest accepted activity, in bytes.</summary>
    [Range(4096, 4_194_304)]
    public int MaxActivityBytes { get; set; } = 262_144;

    /// <summary>The Development defaults filled the settings left empty (not bound from configuration: no public setter).</summary>
    public bool UsesDevelopmentDefaults { get; internal set; }

    /// <summary>
    /// The most members read from a team's roster (to find a person by e-mail, or an admin team's
    /// members). A roster is read at most once per <see cref="RosterCacheMinutes"/>; people beyond
    /// the limit are found once they have written to the bot.
    /// </summary>
    [Range(500, 50_000)]
    public int MaxRosterMembers { get; set; } = 10_000;

    /// <summary>How long a roster read is used before it is read again: e-mails missing from it are misses meanwhile.</summary>
    [Range(1, 1440)]
    public int RosterCacheMinutes { get; set; } = 15;

    public bool IsConfigured => MicrosoftAppId.Length > 0 || IncidentsChannelId.Length > 0;

    /// <summary>With an app id every request must carry a Bot Framework token.</summary>
    public bool IsAuthenticated => MicrosoftAppId.Length > 0;

    public string MissingSettingsMessage =>
        "Teams is not configured: set Teams__IncidentsChannelId and Teams__TenantId (and Teams__MicrosoftAppId, Teams__MicrosoftAppPassword in production; see docs/TEAMS.md). In Development the Microsoft 365 Agents Playground needs no setting (docs/TRY.md).";
}
