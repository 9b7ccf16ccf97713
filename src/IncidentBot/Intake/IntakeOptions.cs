namespace IncidentBot.Intake;

/// <summary>
/// The <c>Intake</c> section: who may file reports (a key per source, optionally a signing secret),
/// the workspace whose incidents they become, the e-mail authorities, and the chat channels whose
/// messages are partner reports. With no source configured every intake request answers 401.
/// </summary>
public sealed class IntakeOptions
{
    public const string SectionName = "Intake";

    /// <summary>One report as JSON; a larger body is refused with 413.</summary>
    public const int MaxReportBytes = 256 * 1024;

    /// <summary>At most this many reports in one batch.</summary>
    public const int MaxBatchReports = 500;

    /// <summary>The Slack team id or Teams tenant id whose incidents API and e-mail reports become.</summary>
    public string WorkspaceId { get; set; } = "";

    /// <summary><c>slack</c> or <c>teams</c>: where those incidents' channels are. Empty: the platform the workspace is known on, else Slack if configured, else Teams.</summary>
    public string Platform { get; set; } = "";

    /// <summary>
    /// By source name (<c>regulator</c>, <c>partner</c>, <c>trending</c>, <c>user-report</c>): its key
    /// (<c>Authorization: Bearer</c>) and optional signing secret. The key decides the source.
    /// </summary>
    public Dictionary<string, IntakeSourceOptions> Sources { get; } = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>Sender domain → authority name (<c>meity.gov.in</c> → <c>MeitY</c>); subdomains match too.</summary>
    public Dictionary<string, string> EmailAuthorities { get; } = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>A batch body larger than this is refused with 413 (each report in it is also held to <see cref="MaxReportBytes"/>).</summary>
    public int MaxBatchBytes { get; set; } = 8 * 1024 * 1024;

    public IntakeEmailOptions Email { get; set; } = new();

    /// <summary>Slack channels (ids) whose members' messages are partner reports, e.g. a Slack Connect channel.</summary>
    public IntakeChannelOptions Slack { get; set; } = new();

    /// <summary>Teams channels (ids, <c>19:…@thread.tacv2</c>) whose messages to the bot are partner reports.</summary>
    public IntakeChannelOptions Teams { get; set; } = new();
}
