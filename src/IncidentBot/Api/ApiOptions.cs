namespace IncidentBot.Api;

/// <summary>The <c>Api</c> section: keys that may read the incident API (<c>Authorization: Bearer &lt;key&gt;</c>).</summary>
public sealed class ApiOptions
{
    public const string SectionName = "Api";

    /// <summary>Secrets. With none configured the API answers 401 to everyone.</summary>
    public IList<string> Keys { get; } = [];
}
