namespace IncidentBot.Teams;

/// <summary>
/// What Microsoft 365 Agents Playground (npm <c>@microsoft/m365agentsplayground</c> 0.2.x), a
/// local Teams client and Bot Connector, uses when it runs with its built-in configuration:
/// the values the Development defaults fill in, so the bot answers it without any setting.
/// </summary>
public static class TeamsPlayground
{
    /// <summary>
    /// The tenant of its built-in configuration. Not a GUID (the last group has 13 digits), so it
    /// can never be a real tenant: it is accepted only without an app id (a local Bot Connector).
    /// </summary>
    public const string DefaultTenantId = "00000000-0000-0000-0000-0000000000001";

    /// <summary>The General channel of its team "My Team" (a team's General channel has the team's id).</summary>
    public const string GeneralChannelId = "team-id";

    /// <summary>The Announcements channel of the same team.</summary>
    public const string AnnouncementsChannelId = "channel-announcements-id";

    /// <summary>Its Bot Connector on its default port; the bot switches to the one each activity names.</summary>
    public const string ServiceUrl = "http://localhost:56150/_connector";
}
