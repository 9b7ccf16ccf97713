using IncidentBot.Dialogs.Incidents;
using IncidentBot.Dialogs.Platform;
using IncidentBot.Dialogs.Rules;
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
    DocumentWriter writer,
    ITrendStore trends,
    ChatPlatforms platforms,
    TrendChartSharing sharing,
    ReminderDelivery delivery,
    IncidentRules rules,
    TimeProvider clock,
    ILogger<WeeklyDigestWork> logger) : IWorkHandler
{
    public const string WorkKind = "trends-digest";

    public const string Target = "weekly";

    public static readonly TimeSpan Range = TimeSpan.FromDays(7);

    public string Kind => WorkKind;

    public TimeZoneInfo Zone => rules.Digest.Zone ?? rules.Calendar.DefaultZone;

    public async Task<WorkOutcome> RunAsync(WorkspaceId workspace, string targetId, CancellationToken cancellationToken)
    {
        var digestRules = rules.Digest;
        if (!digestRules.IsEnabled)
            return WorkOutcome.Done;
        Versioned<TrendDigest>? looked = null;
        var outcome = await delivery.DeliverAsync<TrendDigest>(workspace.Value, async (attempt, token) =>
        {
            var now = clock.GetUtcNow();
            // Normally the scheduler stored it with the timer; if it is gone, the week just ended is the one due.
            var digest = await attempt.ReadAsync<TrendDigest>(TrendDigest.DocumentId, token)
                ?? await CreateAsync(workspace, now - Range, token)
                ?? await attempt.ReadAsync<TrendDigest>(TrendDigest.DocumentId, token) // created by a concurrent run: theirs
                ?? throw new InvalidOperationException($"{TrendDigest.DocumentId} vanished while being created.");
            looked = digest;
            var plan = digest.Value.Plan(digestRules, Zone);
            return ReminderPlan.Due(plan, digest.Value.Deliveries, now) is { } due
                ? ReminderTurn<TrendDigest>.Deliver(digest, due, ct => PostAsync(workspace, digest.Value.Platform, due.Latest, ct))
                : ReminderTurn<TrendDigest>.Answered(Next(digest.Value, digestRules, now));
        }, cancellationToken);
        return outcome.Status switch
        {
            DeliveryStatus.Answered => outcome.Answer!,
            DeliveryStatus.Busy => WorkOutcome.RunAgain(outcome.RetryAt!.Value),
            DeliveryStatus.Contended => WorkOutcome.RunAgain(clock.GetUtcNow()),
            _ => Next((outcome.Document ?? looked!).Value, digestRules, clock.GetUtcNow()),
        };
    }

    private WorkOutcome Next(TrendDigest digest, DigestRules digestRules, DateTimeOffset now) =>
        ReminderPlan.Next(digest.Plan(digestRules, Zone), digest.Deliveries, now) is { } next ? WorkOutcome.RunAgain(next) : WorkOutcome.Done;

    /// <summary>The next posting time from now, for a new timer.</summary>
    public DateTimeOffset NextPostingAt(DateTimeOffset now) =>
        new TrendDigest { WorkspaceId = "-", Platform = PlatformId.From("-"), StartedAt = now }.Plan(rules.Digest, Zone).First().At;

    /// <summary>Stores the digest document counting weeks from <paramref name="startedAt"/>; null if another run stored it first.</summary>
    public async Task<Versioned<TrendDigest>?> CreateAsync(WorkspaceId workspace, DateTimeOffset startedAt, CancellationToken cancellationToken)
    {
        var platform = await KnownWorkspace.PlatformOfAsync(writer.Documents, workspace, cancellationToken);
        var digest = new TrendDigest { WorkspaceId = workspace.Value, Platform = platform, StartedAt = startedAt };
        var committed = await writer.WriteAsync(workspace, async (attempt, token) =>
        {
            // A conflict on the first (blind) try means it may exist now: then it is the other run's.
            if (attempt.IsRetry && await attempt.ReadAsync<TrendDigest>(digest.Id, token) is not null)
                return false;
            attempt.Batch.Create(digest);
            return true;
        }, cancellationToken);
        return committed.Value ? committed.Versioned(digest) : null;
    }

    private async Task<string?> PostAsync(WorkspaceId workspace, PlatformId platformName, PlannedReminder slot, CancellationToken cancellationToken)
    {
        var platform = platforms.Get(platformName);
        if (platform.AnnouncementChannel is not { } channel)
        {
            logger.DigestWithoutChannel(workspace, platform.Name);
            return null;
        }
        var query = new TrendQuery(workspace.Value, slot.At - Range, slot.At, rules.Digest.Cut);
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
