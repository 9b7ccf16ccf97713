using IncidentBot.Dialogs.ActionItems;
using IncidentBot.Dialogs.Clocks;
using IncidentBot.Dialogs.Incidents;

namespace IncidentBot.Dialogs.PostMortems;

/// <summary>Everything a post-mortem draft is made from, gathered once so the rendering is a pure function.</summary>
public sealed record PostMortemRecord
{
    public required Incident Incident { get; init; }

    /// <summary>In the order things happened.</summary>
    public required IReadOnlyList<TimelineEvent> Timeline { get; init; }

    public IReadOnlyList<Clock> Clocks { get; init; } = [];

    public IReadOnlyList<ActionItem> ActionItems { get; init; } = [];

    public PostMortem? PostMortem { get; init; }

    /// <summary>Display names of the people involved; people not in it show as their id.</summary>
    public IReadOnlyDictionary<UserId, string> Names { get; init; } = new Dictionary<UserId, string>();

    /// <summary>The second time column of the timeline: the lead's zone.</summary>
    public required TimeZoneInfo LeadZone { get; init; }

    public required DateTimeOffset GeneratedAt { get; init; }

    /// <summary>For readers outside a restricted incident: no title, description, texts or names.</summary>
    public bool IsRedacted { get; init; }
}
