using IncidentBot.Dialogs.Incidents;
using IncidentBot.Dialogs.Platform;

namespace IncidentBot.Dialogs.Paging;

/// <summary>One person a page went to, and what the bot did about it: the direct message (updated in place, never re-posted) and how it was shown.</summary>
public sealed record PageTarget
{
    public required UserId User { get; init; }

    /// <summary>The direct message, once sent.</summary>
    public MessageRef? Message { get; init; }

    /// <summary>A hash of the message as last sent or updated; a different rendering means it needs an update.</summary>
    public string? ShownHash { get; init; }

    public DateTimeOffset? SentAt { get; init; }

    /// <summary>Set by the run about to send the message, so two runs at once send it once.</summary>
    public DateTimeOffset? SendClaimedAt { get; init; }

    /// <summary>Sent at night in the person's own time zone (paging load).</summary>
    public bool IsNight { get; init; }

    /// <summary>Sent on a Saturday or Sunday in the person's own time zone (paging load).</summary>
    public bool IsWeekend { get; init; }

    /// <summary>The person pressed "Can't take it".</summary>
    public DateTimeOffset? DeclinedAt { get; init; }
}
