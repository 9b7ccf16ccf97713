using IncidentBot.Dialogs.Incidents;
using IncidentBot.Dialogs.Platform;
using IncidentBot.Dialogs.Policies;
using IncidentBot.Dialogs.Reminders;
using IncidentBot.Dialogs.Storage;
using IncidentBot.Dialogs.Work;
using Microsoft.Extensions.Logging;

namespace IncidentBot.Dialogs.Trends;

/// <summary>
/// The weekly digest timer (work kind <c>trends-digest</c>, target <see cref="Target"/>): when a
/// posting time has come, the last seven days' figures and their chart go to the platform's
/// announcement channel, once (claimed on the <see cref="TrendDigest"/> document); then the timer
/// moves itself to the next week. An early run just sleeps until the posting time.
/// </summary>
public sealed class WeeklyDigestWork(
    IDocumentStore documents,
    ITrendStore trends,
    ChatPlatforms platforms,
    TrendChartSharing sharing,
    ReminderDelivery delivery,
    IncidentRules policies,
    TimeProvider clock,
    ILogger<WeeklyDigestWork> logger) : IWorkHandler
{
    public const string WorkKind = "trends-digest";

    public const string Target = "weekly";

    public static readonly TimeSpan Range = TimeSpan.FromDays(7);

    public string Kind => WorkKind;

    public TimeZoneInfo Zone => policies.Digest.Zone ?? policies.Calendar.DefaultZone;

    public async Task<WorkOutcome> RunAsync(WorkspaceId workspace, string targetId, CancellationToken cancellationToken)
    {
        var policy = policies.Digest;
        if (!policy.IsEnabled)
            return WorkOutcome.Done;
        for (var attempt = 0; attempt < 4; attempt++)
        {
            var now = clock.GetUtcNow();
            // Normally the scheduler stored it with the timer; if it is gone, the week just ended is the one due.
            var digest = await documents.ReadAsync<TrendDigest>(workspace, TrendDigest.DocumentId, cancellationToken)
                ?? await CreateAsync(workspace, now - Range, cancellationToken);
            if (digest is null)
                continue; // created by a concurrent run: read it again
            var plan = digest.Value.Plan(policy, Zone);
            if (ReminderPlan.Due(plan, digest.Value.Deliveries, now) is { } due)
            {
                var outcome = await delivery.DeliverAsync(digest, due, ct => PostAsync(workspace, digest.Value.Platform, due.Latest, ct), cancellationToken);
                if (outcome.Status == DeliveryStatus.Changed)
                    continue;
                if (outcome.Status == DeliveryStatus.Busy)
                    return WorkOutcome.RunAgain(outcome.RetryAt!.Value);
                digest = outcome.Document ?? digest;
            }
            return ReminderPlan.Next(digest.Value.Plan(policy, Zone), digest.Value.Deliveries, clock.GetUtcNow()) is { } next
                ? WorkOutcome.RunAgain(next)
                : WorkOutcome.Done;
        }
        return WorkOutcome.RunAgain(clock.GetUtcNow());
    }

    /// <summary>The next posting time from now, for a new timer.</summary>
    public DateTimeOffset NextPostingAt(DateTimeOffset now) =>
        new TrendDigest { WorkspaceId = "-", Platform = PlatformId.From("-"), StartedAt = now }.Plan(policies.Digest, Zone).First().At;

    /// <summary>Stores the digest document counting weeks from <paramref name="startedAt"/>; null if another run stored it first.</summary>
    public async Task<Versioned<TrendDigest>?> CreateAsync(WorkspaceId workspace, DateTimeOffset startedAt, CancellationToken cancellationToken)
    {
        var platform = await KnownWorkspace.PlatformOfAsync(documents, workspace, cancellationToken);
        var digest = new TrendDigest { WorkspaceId = workspace.Value, Platform = platform, StartedAt = startedAt };
        try
        {
            return new(digest, await documents.CreateAsync(digest, cancellationToken));
        }
        catch (DocumentConflictException)
        {
            return null;
        }
    }

    private async Task<string?> PostAsync(WorkspaceId workspace, PlatformId platformName, PlannedReminder slot, CancellationToken cancellationToken)
    {
        var platform = platforms.Get(platformName);
        if (platform.AnnouncementChannel is not { } channel)
        {
            logger.DigestWithoutChannel(workspace, platform.Name);
            return null;
        }
        var query = new TrendQuery(workspace.Value, slot.At - Range, slot.At, policies.Digest.Cut);
        var report = await trends.AggregateAsync(query, cancellationToken);
        var posted = await platform.PostAsync(workspace, channel, TrendSummaryText.Render($"📈 Weekly incident digest, by {query.Cut.Name()}", report), cancellationToken);
        if (report.Total.Incidents > 0)
        {
            await sharing.ShareAsync(platform.Name, workspace, channel, TrendCharts.IncidentsByKey(report, "last 7 days"),
                $"weekly-digest-{slot.Key}.png", cancellationToken);
        }
        logger.DigestPosted(workspace, slot.Key);
        return posted.MessageId;
    }
}
