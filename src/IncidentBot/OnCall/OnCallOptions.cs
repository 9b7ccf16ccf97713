namespace IncidentBot.OnCall;

/// <summary>The <c>OnCall</c> configuration section. Paging is on when <see cref="ConfigPath"/> is set.</summary>
public sealed class OnCallOptions
{
    public const string SectionName = "OnCall";

    /// <summary>The on-call YAML file (teams, rotations, policies, routing); relative to the content root. Empty: no paging.</summary>
    public string ConfigPath { get; set; } = "";

    /// <summary>Re-read the file when it changes (keeping the last good version if the new one is invalid).</summary>
    public bool ReloadOnChange { get; set; } = true;

    /// <summary>
    /// The incident managers' admin group: may change any rotation (<c>override</c>) and answer any
    /// page (recorded as acting for the people paged). Each entry is an e-mail address, a Slack user
    /// group id (<c>S…</c>) or a Teams team or channel id (<c>19:…@thread.tacv2</c>) the bot is in.
    /// Empty: only members of a rotation's team change it, only the people paged answer.
    /// </summary>
    public IList<string> Admins { get; } = [];

    public bool IsConfigured => ConfigPath.Trim().Length > 0;

    public string FullPath(string baseDirectory) => Path.GetFullPath(ConfigPath.Trim(), baseDirectory);
}
