namespace IncidentBot.Api;

/// <summary>
/// The <c>Api</c> section: keys that may use the incident API (<c>Authorization: Bearer &lt;key&gt;</c>).
/// <see cref="Keys"/> are plain read keys; <see cref="ScopedKeys"/> are named and carry scopes
/// (<see cref="ApiScopes"/>). With none configured the API answers 401 to everyone.
/// </summary>
public sealed class ApiOptions
{
    public const string SectionName = "Api";

    /// <summary>Secrets with read access (<c>Api:Keys:0</c>, ...).</summary>
    public IList<string> Keys { get; } = [];

    /// <summary>Named keys with scopes (<c>Api:ScopedKeys:legal:Key</c>, <c>Api:ScopedKeys:legal:Scopes</c>); the name is what the audit log records.</summary>
    public IDictionary<string, ScopedApiKey> ScopedKeys { get; } = new Dictionary<string, ScopedApiKey>(StringComparer.Ordinal);

    /// <summary>Largest zip <c>POST /api/evidence/verify</c> accepts, in bytes. Default 1 GiB.</summary>
    public long MaxVerifyBytes { get; set; } = 1024L * 1024 * 1024;
}
