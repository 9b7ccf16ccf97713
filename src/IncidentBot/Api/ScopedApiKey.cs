namespace IncidentBot.Api;

/// <summary>One <c>Api:ScopedKeys:&lt;name&gt;</c> entry: a secret and what it may do.</summary>
public sealed class ScopedApiKey
{
    /// <summary>The secret sent as <c>Authorization: Bearer &lt;key&gt;</c>.</summary>
    public string Key { get; set; } = "";

    /// <summary><c>read</c>, <c>evidence</c>, <c>admin</c>, separated by commas or spaces; every scope includes <c>read</c>.</summary>
    public string Scopes { get; set; } = ApiScopes.Read;
}
