namespace IncidentBot.Slack.WebApi;

/// <summary>The part of Slack's user object we use.</summary>
/// <param name="Tz">IANA time zone, e.g. <c>Europe/Berlin</c>.</param>
public sealed record SlackUser(
    string Id,
    string? Name = null,
    string? RealName = null,
    string? Tz = null,
    bool IsBot = false,
    bool Deleted = false,
    SlackUserProfile? Profile = null)
{
    /// <summary>Bots and some accounts have the name only in the profile.</summary>
    public string? DisplayRealName => RealName is { Length: > 0 } ? RealName : Profile?.RealName;
}
