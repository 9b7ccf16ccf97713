using IncidentBot.Dialogs.ActionItems;
using IncidentBot.Dialogs.Clocks;
using IncidentBot.Dialogs.PostMortems;

namespace IncidentBot.Dialogs.Incidents;

/// <summary>
/// What of a restricted incident may be shown outside its private channel (the API, the
/// post-mortem draft, cards, exports): numbers, times, severities, statuses, codes and ids, never
/// what people wrote. Every producer of a view goes through here, so a field or an event kind
/// added later is withheld unless this class lets it through.
/// </summary>
public static class RestrictedRedaction
{
    /// <summary>Shown where a withheld text was.</summary>
    public const string Withheld = "withheld: restricted incident";

    /// <summary>The incident as the world outside its channel may see it: redacted when it is restricted.</summary>
    public static Incident Shown(Incident incident)
    {
        ArgumentNullException.ThrowIfNull(incident);
        return incident.IsRestricted ? Redact(incident) : incident;
    }

    /// <summary>The incident without its title, description, resolution and origin.</summary>
    public static Incident Redact(Incident incident)
    {
        ArgumentNullException.ThrowIfNull(incident);
        return incident with
        {
            Title = Withheld,
            Description = null,
            ResolutionSummary = null,
            OriginMessageLink = null,
        };
    }

    /// <summary>
    /// A timeline event without its free text (notes, updates, summaries, reasons, messages,
    /// clock and post-mortem texts) and link, whatever its kind. <see cref="TimelineEvent.From"/>
    /// and <see cref="TimelineEvent.To"/> stay: the bot writes ids, statuses, severities and clock
    /// names there, never people's words. A role assignment keeps the role's name.
    /// </summary>
    public static TimelineEvent Redact(TimelineEvent change)
    {
        ArgumentNullException.ThrowIfNull(change);
        var keepsText = change.Kind == TimelineKind.RoleAssigned && IsRoleName(change.Text);
        return change with { Text = keepsText ? change.Text : null, Link = null };
    }

    /// <summary>A clock without its title, reference and pause reasons.</summary>
    public static Clock Redact(Clock clock)
    {
        ArgumentNullException.ThrowIfNull(clock);
        return clock with { Title = null, Reference = null, Pauses = [.. clock.Pauses.Select(p => p with { Reason = null })] };
    }

    /// <summary>An action item without its text.</summary>
    public static ActionItem Redact(ActionItem item)
    {
        ArgumentNullException.ThrowIfNull(item);
        return item with { Text = Withheld };
    }

    /// <summary>A post-mortem without the link to the document.</summary>
    public static PostMortem Redact(PostMortem postMortem)
    {
        ArgumentNullException.ThrowIfNull(postMortem);
        return postMortem with { Link = null };
    }

    /// <summary>Everything a draft is made from, redacted, and without people's names.</summary>
    public static PostMortemRecord Redact(PostMortemRecord record)
    {
        ArgumentNullException.ThrowIfNull(record);
        return record with
        {
            Incident = Redact(record.Incident),
            Timeline = [.. record.Timeline.Select(Redact)],
            Clocks = [.. record.Clocks.Select(Redact)],
            ActionItems = [.. record.ActionItems.Select(Redact)],
            PostMortem = record.PostMortem is { } postMortem ? Redact(postMortem) : null,
            Names = new Dictionary<UserId, string>(),
            IsRedacted = true,
        };
    }

    private static bool IsRoleName(string? text) =>
        text is not null && Enum.GetValues<IncidentRole>().Any(role => IncidentLifecycle.RoleName(role) == text);
}
