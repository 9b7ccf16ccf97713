using IncidentBot.Dialogs.Incidents;

namespace IncidentBot.Dialogs.Platform;

/// <summary>What the platform's profile says about a person: name for display, IANA time zone.</summary>
public sealed record ChatUser(UserId Id, string? DisplayName, string? TimeZone, bool IsBot)
{
    /// <summary>The profile's e-mail address, when the platform shares it (to match people named by e-mail).</summary>
    public string? Email { get; init; }
}
