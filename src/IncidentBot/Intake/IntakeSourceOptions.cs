namespace IncidentBot.Intake;

/// <summary>One source's credentials. Secrets: never logged.</summary>
public sealed class IntakeSourceOptions
{
    /// <summary>Sent as <c>Authorization: Bearer &lt;key&gt;</c>; at least 16 characters.</summary>
    public string Key { get; set; } = "";

    /// <summary>When set, requests must also carry <c>X-IncidentBot-Timestamp</c> and <c>X-IncidentBot-Signature</c>.</summary>
    public string SigningSecret { get; set; } = "";
}
