using IncidentBot.Dialogs.Incidents;

namespace IncidentBot.Dialogs.Trends;

/// <summary>
/// What the exports and the dashboard show of a restricted incident to someone who is not its
/// member: its number, severity and figures, never its title or what people wrote. Every trends
/// view goes through here, so moving to one redaction for the whole bot is a change in one place.
/// </summary>
public static class TrendRedaction
{
    /// <summary>Shown where a withheld title was.</summary>
    public const string Withheld = "withheld: restricted incident";

    /// <summary>True when <paramref name="viewer"/> (null: an API key, nobody's member) may not see what people wrote about it.</summary>
    public static bool IsWithheldFrom(Incident incident, UserId? viewer)
    {
        ArgumentNullException.ThrowIfNull(incident);
        return incident.IsRestricted && (viewer is not { } person || !incident.IsVisibleTo(person));
    }

    /// <summary>The incident as <paramref name="viewer"/> may see it: title, description, resolution and origin withheld when restricted.</summary>
    public static Incident Shown(Incident incident, UserId? viewer) =>
        IsWithheldFrom(incident, viewer)
            ? incident with { Title = Withheld, Description = null, ResolutionSummary = null, OriginMessageLink = null }
            : incident;
}
