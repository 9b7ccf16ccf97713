using Microsoft.Extensions.Options;

namespace IncidentBot.Teams;

/// <summary>
/// In Development without an app id, Teams is on for Microsoft 365 Agents Playground: every Teams
/// setting left empty gets the Playground's value (tenant, incidents and announcement channels,
/// connector), so <c>dotnet run</c> answers the Playground with no setting found by hand. An app id,
/// or any other environment, turns this off: then only what is configured counts.
/// </summary>
public sealed class TeamsDevelopmentDefaults(IHostEnvironment environment) : IPostConfigureOptions<TeamsOptions>
{
    public void PostConfigure(string? name, TeamsOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (!environment.IsDevelopment() || options.MicrosoftAppId.Length > 0)
            return;
        if (options.TenantId.Length == 0)
            options.TenantId = TeamsPlayground.DefaultTenantId;
        if (options.IncidentsChannelId.Length == 0)
            options.IncidentsChannelId = TeamsPlayground.GeneralChannelId;
        if (options.AnnouncementChannelId.Length == 0)
            options.AnnouncementChannelId = TeamsPlayground.AnnouncementsChannelId;
        // The default points at the real Bot Connector, which a bot without an app id may not call.
        if (options.ServiceUrl is "" or TeamsOptions.PublicServiceUrl)
            options.ServiceUrl = TeamsPlayground.ServiceUrl;
        options.UsesDevelopmentDefaults = true;
    }
}
