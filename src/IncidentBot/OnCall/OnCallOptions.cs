namespace IncidentBot.OnCall;

/// <summary>The <c>OnCall</c> configuration section. Paging is on when <see cref="ConfigPath"/> is set.</summary>
public sealed class OnCallOptions
{
    public const string SectionName = "OnCall";

    /// <summary>The on-call YAML file (teams, rotations, policies, routing); relative to the content root. Empty: no paging.</summary>
    public string ConfigPath { get; set; } = "";

    /// <summary>Re-read the file when it changes (keeping the last good version if the new one is invalid).</summary>
    public bool ReloadOnChange { get; set; } = true;

    public bool IsConfigured => ConfigPath.Trim().Length > 0;

    public string FullPath(string baseDirectory) => Path.GetFullPath(ConfigPath.Trim(), baseDirectory);
}
