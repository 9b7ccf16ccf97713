namespace IncidentBot.Teams.Cards;

/// <summary>
/// What the renderer needs to know beyond the message: display names for mentioned people
/// (by AAD object id) and names of incident threads (by conversation id).
/// </summary>
public sealed record TeamsRenderContext(
    IReadOnlyDictionary<string, string> PeopleNames,
    IReadOnlyDictionary<string, string> ThreadNames,
    string? TenantId)
{
    public static TeamsRenderContext Empty { get; } = new(
        new Dictionary<string, string>(StringComparer.Ordinal), new Dictionary<string, string>(StringComparer.Ordinal), null);
}
