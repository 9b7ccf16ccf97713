using System.Globalization;
using IncidentBot.Dialogs.Platform;
using IncidentBot.Dialogs.Reminders;
using IncidentBot.Dialogs.Storage;
using IncidentBot.Dialogs.Time;

namespace IncidentBot.Dialogs.Trends;

/// <summary>
/// A workspace's weekly digest timer: one document whose reminders are the weekly posting times
/// from <see cref="StartedAt"/> on. Which went out is recorded on it, so each week is posted once,
/// and after downtime only the latest missed week.
/// </summary>
public sealed record TrendDigest : IRemindable<TrendDigest>
{
    public const string DocumentType = "trends-digest";

    public const string DocumentId = "trends-digest";

    public string Id => DocumentId;

    public required string WorkspaceId { get; init; }

    public string Type => DocumentType;

    public required PlatformId Platform { get; init; }

    /// <summary>The first week counted is the first posting time after this.</summary>
    public required DateTimeOffset StartedAt { get; init; }

    public IReadOnlyList<SentReminder> Deliveries { get; init; } = [];

    public TrendDigest WithDeliveries(IReadOnlyList<SentReminder> deliveries) => this with { Deliveries = deliveries };

    /// <summary>The posting times, weekly, in the zone's wall-clock time (09:00 stays 09:00 across daylight-saving changes).</summary>
    public IEnumerable<PlannedReminder> Plan(DigestRules rules, TimeZoneInfo zone)
    {
        ArgumentNullException.ThrowIfNull(rules);
        var local = DateOnly.FromDateTime(ZonedTime.Local(StartedAt, zone));
        var first = local.AddDays(((int)rules.Day - (int)local.DayOfWeek + 7) % 7);
        for (var date = first; ; date = date.AddDays(7))
        {
            var at = ZonedTime.ToInstant(date, rules.Time, zone);
            if (at > StartedAt)
                yield return new PlannedReminder("week-" + date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), at);
        }
    }
}
